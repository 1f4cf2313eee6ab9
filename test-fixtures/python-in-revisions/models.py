from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Page(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100))
    slug = db.Column(db.String(100))
    views = db.Column(db.Integer)
    summary = db.Column(db.Text)


class PageRevision(db.Model):
    __tablename__ = "page_revision"
    id = db.Column(db.Integer, primary_key=True)
    page_id = db.Column(db.Integer, db.ForeignKey("page.id"))
    created_at = db.Column(db.DateTime)
    updated_at = db.Column(db.DateTime)


class PageStat(db.Model):
    __tablename__ = "page_stat"
    id = db.Column(db.Integer, primary_key=True)
    metric = db.Column(db.String(40), nullable=False)
    bucket_le_1s = db.Column(db.BigInteger, nullable=False, server_default="0")
    bucket_le_5s = db.Column(db.BigInteger, nullable=False, server_default="0")
    note = db.Column(db.Text)
