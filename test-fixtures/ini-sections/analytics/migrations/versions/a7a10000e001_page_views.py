"""page views

Revision ID: a7a10000e001
Revises:
Create Date: 2026-11-21 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7a10000e001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'page_view',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('path', sa.String(length=500), nullable=False),
        sa.Column('seen_at', sa.DateTime(), nullable=False),
        sa.Column('duration_ms', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('page_view')
