import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy_continuum import make_versioned
from sqlalchemy_continuum.plugins import PropertyModTrackerPlugin, TransactionChangesPlugin

make_versioned(user_cls="Account", plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()])

db = SQLAlchemy()


class Versioned:
    __versioned__ = {}


class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False, unique=True)


article_tags = db.Table(
    "article_tags",
    db.Column("article_id", db.Integer, db.ForeignKey("article.id"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id"), primary_key=True),
)


class Article(Versioned, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False, index=True)
    status = db.Column(db.String(20), nullable=False, server_default="draft")
    author_id = db.Column(db.Integer, db.ForeignKey("account.id"), nullable=False)
    tags = db.relationship("Tag", secondary=article_tags, backref="articles")


class Tag(db.Model):
    __versioned__ = {"exclude": ["note"]}

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False, unique=True)
    note = db.Column(db.Text)


sa.orm.configure_mappers()
