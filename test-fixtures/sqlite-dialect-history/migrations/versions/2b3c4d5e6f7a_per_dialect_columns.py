"""per-dialect columns, written on SQLite first (as pgAdmin's history is)

Revision ID: 2b3c4d5e6f7a
Revises: 1a2b3c4d5e6f
Create Date: 2026-12-01 18:10:00.000000

"""
from alembic import context, op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2b3c4d5e6f7a'
down_revision = '1a2b3c4d5e6f'
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    dialect = conn.dialect.name
    if dialect == 'sqlite':
        with op.batch_alter_table('user', schema=None) as batch_op:
            batch_op.add_column(sa.Column('email', sa.String(length=120), nullable=True))
            batch_op.create_index('ix_user_email', ['email'], unique=True)
    else:
        op.add_column('user', sa.Column('email', sa.String(length=255), nullable=True))
        op.add_column('user', sa.Column('search_vector', sa.Text(), nullable=True))

    if op.get_context().dialect.name != 'postgresql':
        op.create_table('local_setting',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('key')
        )

    is_sqlite = context.get_context().dialect.name == 'sqlite'
    if not is_sqlite:
        op.create_index('ix_note_body', 'note', ['body'], unique=False)


def downgrade():
    is_sqlite = context.get_context().dialect.name == 'sqlite'
    if not is_sqlite:
        op.drop_index('ix_note_body', table_name='note')
    if op.get_context().dialect.name != 'postgresql':
        op.drop_table('local_setting')
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('user', schema=None) as batch_op:
            batch_op.drop_index('ix_user_email')
            batch_op.drop_column('email')
    else:
        op.drop_column('user', 'search_vector')
        op.drop_column('user', 'email')
