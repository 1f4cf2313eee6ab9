"""users and tickets

Revision ID: 5d1e2f3a4b60
Revises:
Create Date: 2026-12-02 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e2f3a4b60'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name='users_pkey')
    )
    # Written as PostgreSQL prints it back (pg_get_indexdef), so that drift and the replay oracles agree on its text.
    op.create_index('ix_uq_users_email_lower', 'users', [sa.text('lower(email::text)')], unique=True)
    op.create_table('tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('points', sa.Integer(), server_default='0', nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('char_length(title) > 0', name='ck_tickets_title_not_empty'),
    sa.CheckConstraint('points <= 100', name='ck_tickets_points_max'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name='fk_tickets_owner_id_users'),
    sa.PrimaryKeyConstraint('id', name='tickets_pkey')
    )
    op.create_index('ix_tickets_owner_id', 'tickets', ['owner_id'], unique=False)
    op.create_table('ticket_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name='ticket_votes_ticket_id_fkey'),
    sa.PrimaryKeyConstraint('id', name='ticket_votes_pkey')
    )
    op.create_index('ix_ticket_votes_ticket_id', 'ticket_votes', ['ticket_id'], unique=False)


def downgrade():
    op.drop_index('ix_ticket_votes_ticket_id', table_name='ticket_votes')
    op.drop_table('ticket_votes')
    op.drop_index('ix_tickets_owner_id', table_name='tickets')
    op.drop_table('tickets')
    op.drop_index('ix_uq_users_email_lower', table_name='users')
    op.drop_table('users')
