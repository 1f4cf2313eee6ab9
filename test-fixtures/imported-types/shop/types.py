"""The shop's own column types: TypeDecorators over SQLAlchemy types."""
import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class Money(TypeDecorator):
    """Amounts in the shop's currency, stored exactly."""

    impl = sa.Numeric(10, 2)
    cache_ok = True


class Grams(TypeDecorator):
    """A weight in whole grams."""

    impl = sa.Integer
    cache_ok = True


class LowerText(TypeDecorator):
    """Text stored lower-cased."""

    impl = sa.String(80)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.lower() if value is not None else value
