"""pages

Revision ID: a0b1c2d3e4f5
Revises:
Create Date: 2023-03-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a0b1c2d3e4f5'
down_revision = None
branch_labels = None
depends_on = None

PAGE = "page"
TIMESTAMPS = ["created_at", "updated_at"]


def add_timestamps(table):
    for name in TIMESTAMPS:
        op.add_column(table, sa.Column(name, sa.DateTime(), nullable=True))


def upgrade():
    op.create_table(PAGE,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    revision_table = f"{PAGE}_revision"
    op.create_table(revision_table,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('page_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_foreign_key(None, revision_table, PAGE, ['page_id'], [revision_table.replace('_revision', '.id').split('.')[1]])
    add_timestamps(revision_table)
    url = str(op.get_bind().engine.url)
    if url.startswith("mysql"):
        # MySQL only: never runs on PostgreSQL.
        op.drop_column(revision_table, 'updated_at')
    if op.get_bind().dialect.name == "sqlite":
        op.drop_column(PAGE, 'title')


def downgrade():
    op.drop_table('page_revision')
    op.drop_table('page')
