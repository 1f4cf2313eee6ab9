"""tables another service owns now

Revision ID: 9c1e5a7b2d40
Revises: 3f8a897020d0
Create Date: 2026-11-25 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9c1e5a7b2d40'
down_revision = '3f8a897020d0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sessions_cache',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('key'),
    )
    op.create_table(
        'legacy_audit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('legacy_audit')
    op.drop_table('sessions_cache')
