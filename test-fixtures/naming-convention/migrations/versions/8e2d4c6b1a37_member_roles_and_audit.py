"""one role per team, and an audit table whose index name is longer than PostgreSQL allows

Revision ID: 8e2d4c6b1a37
Revises: 3b1f0c2a9d10
Create Date: 2026-12-01 21:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e2d4c6b1a37'
down_revision = '3b1f0c2a9d10'
branch_labels = None
depends_on = None

AUDIT = 'membership_audit_entries_for_compliance_reporting'


def upgrade():
    op.create_unique_constraint(None, 'members', ['team_id', 'role'])
    op.create_table(
        AUDIT,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_member_identifier', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_audit_recorded_at'), AUDIT, ['recorded_at'])
    op.create_index(None, AUDIT, ['recorded_by_member_identifier'])


def downgrade():
    op.drop_table(AUDIT)
    op.drop_constraint('uq_members_team_id_role', 'members', type_='unique')
