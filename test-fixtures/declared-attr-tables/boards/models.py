"""One set of tables per board colour (red_posts, blue_posts, ...), named and built at mapping time by
@declared_attr methods that call classmethods on a `__colour__` class attribute, plus tables named
by the class (`str.format`, `%`, f-strings, a module constant). Issue 11: the engine evaluates these
per concrete model, as SQLAlchemy does, instead of skipping the models."""
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKeyConstraint, Index
from sqlalchemy.ext.declarative import declared_attr

db = SQLAlchemy()

ARCHIVE_PREFIX = "archive"


class BoardTable(object):
    """Adjusts __tablename__ per board colour, and names what refers to the board's other tables."""

    __colour__ = None
    __basename__ = None

    @classmethod
    def _prefix(cls):
        return cls.__colour__.lower() + "_"

    @classmethod
    def _table(cls, name):
        return cls._prefix() + name

    @declared_attr
    def __tablename__(cls):
        return cls._table(cls.__basename__)


class SectionBase(BoardTable):
    __basename__ = "sections"

    id = db.Column(db.Integer, primary_key=True)
    board_id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)


class PostBase(BoardTable):
    __basename__ = "posts"

    id = db.Column(db.Integer, primary_key=True)
    subject = db.Column(db.String(200), nullable=False)
    board_id = db.Column(db.Integer, nullable=False)
    section_id = db.Column(db.Integer, nullable=False)

    @declared_attr
    def author_id(cls):
        return db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    @declared_attr
    def reply_to_id(klass):
        """A post answers another post of its own board."""
        fk = db.ForeignKey(klass._table("posts.id"), ondelete="CASCADE")
        return db.Column(db.Integer, fk, nullable=True)

    @declared_attr
    def __table_args__(cls):
        return (
            Index(cls._table("subject_idx"), "subject"),
            ForeignKeyConstraint(
                ["section_id", "board_id"],
                [cls._table("sections.id"), cls._table("sections.board_id")],
            ),
        )


class RedSection(SectionBase, db.Model):
    __colour__ = "Red"


class BlueSection(SectionBase, db.Model):
    __colour__ = "Blue"


class RedPost(PostBase, db.Model):
    __colour__ = "Red"


class BluePost(PostBase, db.Model):
    __colour__ = "Blue"


class NamedAfterClass(object):
    @declared_attr
    def __tablename__(cls):
        return "log_{}".format(cls.__name__.lower())

    @declared_attr
    def __table_args__(cls):
        return (Index("ix_%s_at" % cls.__tablename__, "at"),)


class Moderation(NamedAfterClass, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(db.DateTime, nullable=False)


class Archived(object):
    @declared_attr
    def __tablename__(cls):
        return f"{ARCHIVE_PREFIX}_{cls.__name__.lower()}s"


class Thread(Archived, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    closed_by = db.Column(db.String(40), nullable=True)


class User(db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
