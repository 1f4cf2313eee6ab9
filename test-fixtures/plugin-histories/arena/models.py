from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Challenge(db.Model):
    __tablename__ = "challenges"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))


class Badge(db.Model):
    __tablename__ = "badges"
    id = db.Column(db.Integer, db.ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True)
    # The plugin's second revision renamed "points" to "badge_points" (add, copy, drop).
    badge_points = db.Column(db.Integer, default=0)
