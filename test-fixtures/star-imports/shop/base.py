"""What every model module star-imports: the db object, a timestamp mixin, a money type, an enum."""
import enum

import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.types import TypeDecorator

db = SQLAlchemy()


class Stamped:
    """Adds the row's creation time to a model."""

    created_at = db.Column(db.DateTime, nullable=False, server_default=db.func.now())


class Money(TypeDecorator):
    """Amounts stored exactly, two decimals."""

    impl = sa.Numeric(10, 2)
    cache_ok = True


class Status(enum.Enum):
    draft = "draft"
    sent = "sent"
    paid = "paid"


class _Unexported:
    """A leading underscore: `import *` does not bring this name."""
