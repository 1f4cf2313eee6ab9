"""sites

Revision ID: 7c8d9e0f1a2b
Revises:
Create Date: 2026-12-01 22:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7c8d9e0f1a2b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    for flavor in ['nyaa', 'sukebei']:
        op.create_table(flavor + '_torrents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('info_hash', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id')
        )
    op.create_table('legacy_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('legacy_log')
    for flavor in ['sukebei', 'nyaa']:
        op.drop_table(flavor + '_torrents')
    op.drop_table('users')
