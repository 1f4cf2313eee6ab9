"""customers and invoices

Revision ID: 5b7d9f1a3c20
Revises: 
Create Date: 2026-12-02 01:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

from shop.base import *


# revision identifiers, used by Alembic.
revision = '5b7d9f1a3c20'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('customer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('invoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('total', Money(), nullable=False),
    sa.Column('status', sa.Enum(Status), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('invoice')
    op.drop_table('customer')
    op.execute("DROP TYPE IF EXISTS status")
