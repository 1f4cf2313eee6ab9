"""audit logins and legacy log

Revision ID: 8d4f2a9c6b10
Revises: 5a1c0e2b7d31
Create Date: 2026-12-01 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d4f2a9c6b10'
down_revision = '5a1c0e2b7d31'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('event', sa.Column('detail', sa.Text(), nullable=True), schema='audit')
    op.execute('CREATE TABLE audit.login (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES "user" (id), at timestamp without time zone)')
    op.create_table('legacy_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    schema='audit'
    )
    with op.batch_alter_table('event', schema='audit') as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('event', schema='audit') as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_user_id'))
    op.drop_table('legacy_log', schema='audit')
    op.execute('DROP TABLE audit.login')
    op.drop_column('event', 'detail', schema='audit')
