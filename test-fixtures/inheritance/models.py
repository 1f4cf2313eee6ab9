from datetime import datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import declared_attr

db = SQLAlchemy()


class TimestampMixin:
    created_at = db.Column(db.DateTime, nullable=False, server_default=db.func.now())
    updated_at = db.Column(db.DateTime, onupdate=datetime.utcnow)


class OwnedMixin:
    # Columns with a ForeignKey on a mixin must be declared_attr, so each model gets its own copy.
    @declared_attr
    def owner_id(cls):
        return db.Column(db.Integer, db.ForeignKey("account.id", ondelete="SET NULL"), index=True)


class BaseModel(db.Model):
    __abstract__ = True

    id = db.Column(db.Integer, primary_key=True)


class Account(TimestampMixin, BaseModel):
    username = db.Column(db.String(64), nullable=False, unique=True)


class Team(BaseModel):
    __table_args__ = (db.UniqueConstraint("name", name="uq_team_name"),)

    name = db.Column(db.String(80), nullable=False)
    description = db.Column(db.Text)


class Membership(db.Model):
    """An association object: the link between accounts and teams carries a role."""

    __table_args__ = (db.CheckConstraint("role IN ('member', 'admin')"),)

    account_id = db.Column(db.ForeignKey("account.id"), primary_key=True)
    team_id = db.Column(db.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    role = db.Column(db.String(20), nullable=False, server_default="member")


# Single-table inheritance: managers and engineers are rows of "employee".
class Employee(BaseModel):
    name = db.Column(db.String(100), nullable=False)
    kind = db.Column(db.String(20), nullable=False)

    __mapper_args__ = {"polymorphic_on": kind, "polymorphic_identity": "employee"}


class Manager(Employee):
    budget = db.Column(db.Numeric(12, 2))

    __mapper_args__ = {"polymorphic_identity": "manager"}


class Engineer(Employee):
    primary_language = db.Column(db.String(40))
    level = db.Column(db.SmallInteger, server_default="1")

    __mapper_args__ = {"polymorphic_identity": "engineer"}


# Joined-table inheritance: each kind of content has its own table keyed on content.id.
class Content(TimestampMixin, OwnedMixin, BaseModel):
    __tablename__ = "content"

    title = db.Column(db.String(200), nullable=False)
    type = db.Column(db.String(30), nullable=False)

    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "content"}


class Article(Content):
    id = db.Column(db.Integer, db.ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    body = db.Column(db.Text, nullable=False)

    __mapper_args__ = {"polymorphic_identity": "article"}


class VideoClip(Content):
    id = db.Column(db.Integer, db.ForeignKey("content.id"), primary_key=True)
    duration_seconds = db.Column(db.Integer, nullable=False, server_default="0")

    __mapper_args__ = {"polymorphic_identity": "video"}


article_tags = db.Table(
    "article_tags",
    db.Column("article_id", db.Integer, db.ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
    db.Column("tag", db.String(40), primary_key=True),
)
