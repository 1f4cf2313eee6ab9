# A plain Alembic environment: the URL comes from DATABASE_URL, the metadata from the project's `db`.
import os
import sys

from alembic import context
from sqlalchemy import create_engine

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from store.database import db  # noqa: E402
import store.models  # noqa: E402,F401

target_metadata = db.metadata


def run_migrations_online():
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
