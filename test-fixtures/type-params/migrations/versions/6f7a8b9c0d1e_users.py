"""users

Revision ID: 6f7a8b9c0d1e
Revises:
Create Date: 2024-06-07 08:09:10.111213

"""
from alembic import op
import sqlalchemy as sa

revision = '6f7a8b9c0d1e'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('profile_image_url', sa.String(), nullable=True),
        sa.Column('balance', sa.Numeric(), nullable=True),
        sa.Column('nickname', sa.String(length=40), nullable=True),
        sa.Column('code', sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('users')
