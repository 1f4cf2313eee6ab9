"""ledger

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2024-02-05 10:12:40.101010

"""
from alembic import op
import sqlalchemy as sa
import sqlalchemy_utils

import ledger

revision = '1a2b3c4d5e6f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('logged_at', sqlalchemy_utils.types.arrow.ArrowType(), server_default=sa.text('now()'), nullable=False),
        sa.Column('booked_at', ledger.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('amount', sa.Text(), nullable=True),
        sa.Column('memo', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id']),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('entry')
    op.drop_table('account')
