"""vault

Revision ID: 0c1d2e3f4a5b
Revises:
Create Date: 2024-01-03 13:55:18.885021

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0c1d2e3f4a5b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'vault',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('config', sa.Text(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('code', sa.String(length=12), nullable=True),
        sa.Column('secret', sa.LargeBinary(), nullable=True),
        sa.Column('email', sa.String(length=255), nullable=True),
        sa.Column('token', postgresql.UUID(), nullable=True),
        sa.Column('layout', postgresql.JSON(), nullable=True),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('vault')
