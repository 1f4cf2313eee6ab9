from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Page(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100))
    slug = db.Column(db.String(100))


class PageRevision(db.Model):
    __tablename__ = "page_revision"
    id = db.Column(db.Integer, primary_key=True)
    page_id = db.Column(db.Integer, db.ForeignKey("page.id"))
    created_at = db.Column(db.DateTime)
    updated_at = db.Column(db.DateTime)
