"""authors and articles

Revision ID: b10a0000c001
Revises:
Create Date: 2026-11-20 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b10a0000c001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'author',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'article',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['author.id']),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('article')
    op.drop_table('author')
