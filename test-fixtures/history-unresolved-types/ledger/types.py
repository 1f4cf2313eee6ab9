import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    impl = sa.DateTime
    cache_ok = True


class Cents(TypeDecorator):
    impl = sa.Integer
    cache_ok = True
