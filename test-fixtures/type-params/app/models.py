from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    # The history made these without a length or precision: no change for Alembic's autogenerate.
    profile_image_url = db.Column(db.String(320), nullable=True)
    balance = db.Column(db.Numeric(12, 2), nullable=True)
    # The history made this String() ... and this one String(20): a real change (shorter: MF105).
    nickname = db.Column(db.String(), nullable=True)
    code = db.Column(db.String(10), nullable=True)
