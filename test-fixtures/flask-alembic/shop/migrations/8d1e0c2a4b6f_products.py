"""products

Revision ID: 8d1e0c2a4b6f
Revises:
Create Date: 2022-05-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '8d1e0c2a4b6f'
down_revision = None
branch_labels = ('default',)
depends_on = None


def upgrade():
    op.create_table(
        'product',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('product')
