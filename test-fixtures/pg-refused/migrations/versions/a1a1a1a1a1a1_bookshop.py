"""bookshop

Revision ID: a1a1a1a1a1a1
Revises:
Create Date: 2024-02-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a1a1a1a1a1a1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('author',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_table('publisher',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_table('shelf',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_table('book',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('publisher_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['author_id'], ['author.id']),
        sa.ForeignKeyConstraint(['publisher_id'], ['publisher.id']),
        sa.PrimaryKeyConstraint('id'))


def downgrade():
    op.drop_table('book')
    op.drop_table('shelf')
    op.drop_table('publisher')
    op.drop_table('author')
