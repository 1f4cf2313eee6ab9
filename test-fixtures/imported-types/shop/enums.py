"""Python enums the models and the revisions share."""
import enum


class Status(enum.Enum):
    draft = "draft"
    published = "published"
    retired = "retired"


class Channel(str, enum.Enum):
    web = "web"
    store = "store"


class Kind(enum.Enum):
    """Member names differ from the values: SQLAlchemy's Enum(Kind) stores the names."""

    PHYSICAL = "Physical"
    DIGITAL = "Digital"
