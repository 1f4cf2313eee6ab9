"""page slug, in the multi-database template's shape (as Funnel writes every revision)

Revision ID: b1c2d3e4f5a6
Revises: a0b1c2d3e4f5
Create Date: 2024-02-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'b1c2d3e4f5a6'
down_revision = 'a0b1c2d3e4f5'
branch_labels = None
depends_on = None


def upgrade(engine_name: str = '') -> None:
    # Flask-Migrate's multidb env passes engine_name; plain Alembic calls upgrade() (the default, "").
    globals().get(f'upgrade_{engine_name}', lambda: None)()


def downgrade(engine_name: str = '') -> None:
    globals()['downgrade_%s' % engine_name]()


def upgrade_() -> None:
    op.add_column('page', sa.Column('slug', sa.String(length=100), nullable=True))


def downgrade_() -> None:
    op.drop_column('page', 'slug')


def upgrade_geoname() -> None:
    # Another bind's database: not this one.
    op.create_table('geo_name', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade_geoname() -> None:
    op.drop_table('geo_name')
