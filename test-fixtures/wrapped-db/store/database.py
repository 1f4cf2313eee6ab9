"""The project's own stand-in for Flask-SQLAlchemy's `db`, as some projects keep after moving to plain
SQLAlchemy 2: a class whose attributes are SQLAlchemy's names, whose `Model` is the declarative base
and whose `Table` puts the models' MetaData in. Issue 11: models written `class X(db.Model)` against
it are models, and `db.Table(...)` is a table."""
import sqlalchemy as sa
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

# The declarative base of every model (`class _Base(DeclarativeBase)` on SQLAlchemy 2 reads the same).
_Base = declarative_base()


class _Database:
    Model = _Base

    Column = Column
    Integer = Integer
    String = String
    Text = Text
    Boolean = Boolean
    ForeignKey = ForeignKey

    @staticmethod
    def Table(name, *args, **kwargs):
        """sa.Table with the models' MetaData put in when it is left out."""
        if not args or not isinstance(args[0], sa.MetaData):
            args = (_Base.metadata,) + args
        return sa.Table(name, *args, **kwargs)

    @property
    def metadata(self):
        return _Base.metadata


db = _Database()
