from flask_sqlalchemy import SQLAlchemy

from vaultapp import settings

db = SQLAlchemy()

# Which type each key column gets is configured at run time: not readable statically.
key_definitions = settings.database_key_definitions((db.Integer, {}))


def key_type(name):
    return key_definitions[name][0]
