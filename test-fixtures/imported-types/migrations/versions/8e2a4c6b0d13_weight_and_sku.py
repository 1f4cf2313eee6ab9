"""weight and sku

Revision ID: 8e2a4c6b0d13
Revises: 3d5f7a9c1e24
Create Date: 2026-12-01 21:35:00.000000

"""
from alembic import op
import sqlalchemy as sa

from shop.types import Grams, LowerText


# revision identifiers, used by Alembic.
revision = '8e2a4c6b0d13'
down_revision = '3d5f7a9c1e24'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('product', sa.Column('weight', Grams(), server_default='0', nullable=True))
    op.alter_column('product', 'sku', type_=LowerText(), existing_type=sa.String(length=40), existing_nullable=True)


def downgrade():
    op.alter_column('product', 'sku', type_=sa.String(length=40), existing_type=LowerText(), existing_nullable=True)
    op.drop_column('product', 'weight')
