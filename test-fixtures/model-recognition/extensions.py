import functools

from flask_sqlalchemy import SQLAlchemy as _BaseSQLAlchemy


class SQLAlchemy(_BaseSQLAlchemy):
    """The project's own subclass (pool options); its instance is the usual `db`."""

    def apply_pool_defaults(self, app, options):
        options = super().apply_pool_defaults(app, options)
        options["pool_pre_ping"] = True
        return options


db = SQLAlchemy()

# Every column NOT NULL unless said otherwise (as redash does).
Column = functools.partial(db.Column, nullable=False)


def tracked_column(*args, **kwargs):
    """A wrapper function: what it returns is a column, but only running it would tell."""
    kwargs.setdefault("nullable", True)
    return db.Column(*args, **kwargs)
