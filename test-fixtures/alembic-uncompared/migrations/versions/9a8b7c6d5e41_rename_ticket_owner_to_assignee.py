"""rename ticket owner to assignee

Revision ID: 9a8b7c6d5e41
Revises: 5d1e2f3a4b60
Create Date: 2026-12-02 01:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '9a8b7c6d5e41'
down_revision = '5d1e2f3a4b60'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column('tickets', 'owner_id', new_column_name='assignee_id')
    op.execute('''
        ALTER INDEX ix_tickets_owner_id RENAME TO ix_tickets_assignee_id;
        ALTER TABLE tickets RENAME CONSTRAINT fk_tickets_owner_id_users TO fk_tickets_assignee_id_users;
    ''')
    # A tightened CHECK: dropped and created again under the same name.
    op.drop_constraint('ck_tickets_points_max', 'tickets', type_='check')
    op.create_check_constraint('ck_tickets_points_max', 'tickets', 'points <= 100 AND points >= 0')


def downgrade():
    op.drop_constraint('ck_tickets_points_max', 'tickets', type_='check')
    op.create_check_constraint('ck_tickets_points_max', 'tickets', 'points <= 100')
    op.execute('''
        ALTER TABLE tickets RENAME CONSTRAINT fk_tickets_assignee_id_users TO fk_tickets_owner_id_users;
        ALTER INDEX ix_tickets_assignee_id RENAME TO ix_tickets_owner_id;
    ''')
    op.alter_column('tickets', 'assignee_id', new_column_name='owner_id')
