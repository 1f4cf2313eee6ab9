from sqlalchemy.ext.mutable import Mutable
from sqlalchemy.types import TypeDecorator
from sqlalchemy_utils import EncryptedType

from .base import db


class JSONText(TypeDecorator):
    impl = db.Text


class TrimmedJSON(JSONText):
    """Inherits JSONText's impl."""


class ShortCode(TypeDecorator):
    # A class as impl: ShortCode(12) makes String(12).
    impl = db.String


class Secret(EncryptedType):
    def process_bind_param(self, value, dialect):
        return super().process_bind_param(value, dialect)


class Flexible(TypeDecorator):
    impl = db.Text

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(db.JSON())
        return dialect.type_descriptor(db.Text())


class MutableDict(Mutable, dict):
    pass
