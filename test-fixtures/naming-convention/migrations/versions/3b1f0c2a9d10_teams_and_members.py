"""teams and members, every constraint and index left to the naming convention

Revision ID: 3b1f0c2a9d10
Revises:
Create Date: 2026-12-01 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b1f0c2a9d10'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'teams',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('code', sa.String(length=10), nullable=False),
        sa.CheckConstraint('code = upper(code)', name='uppercase_code'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=120), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.Index(None, 'team_id', 'email', unique=True),
    )
    op.create_index(None, 'members', ['team_id'])


def downgrade():
    op.drop_index('ix_members_team_id', table_name='members')
    op.drop_table('members')
    op.drop_table('teams')
