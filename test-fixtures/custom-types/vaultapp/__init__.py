"""Column types that are not SQLAlchemy's own, as Redash writes them: TypeDecorator subclasses of the
project, sqlalchemy_utils types, a helper function returning a type, a decorator that picks its type
per database."""
