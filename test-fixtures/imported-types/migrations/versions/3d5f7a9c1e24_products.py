"""products

Revision ID: 3d5f7a9c1e24
Revises: 
Create Date: 2026-12-01 21:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import shop.types
from shop.enums import Channel, Status


# revision identifiers, used by Alembic.
revision = '3d5f7a9c1e24'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('price', shop.types.Money(), nullable=False),
    sa.Column('status', sa.Enum(Status), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('sale',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum(Channel, name='sale_channel'), nullable=False),
    sa.Column('total', shop.types.Money(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('sale')
    op.drop_table('product')
    op.execute("DROP TYPE IF EXISTS sale_channel")
    op.execute("DROP TYPE IF EXISTS status")
