"""users and audit events

Revision ID: 5a1c0e2b7d31
Revises: 
Create Date: 2026-12-01 18:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a1c0e2b7d31'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute('CREATE SCHEMA IF NOT EXISTS audit')
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    schema='audit'
    )
    op.create_index(op.f('ix_audit_event_kind'), 'event', ['kind'], unique=False, schema='audit')


def downgrade():
    op.drop_index(op.f('ix_audit_event_kind'), table_name='event', schema='audit')
    op.drop_table('event', schema='audit')
    op.drop_table('user')
    op.execute('DROP SCHEMA audit')
