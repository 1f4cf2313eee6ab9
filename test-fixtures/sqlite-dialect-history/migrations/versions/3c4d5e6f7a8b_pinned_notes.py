"""pinned notes: the column type depends on the database URL

Revision ID: 3c4d5e6f7a8b
Revises: 2b3c4d5e6f7a
Create Date: 2026-12-01 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c4d5e6f7a8b'
down_revision = '2b3c4d5e6f7a'
branch_labels = None
depends_on = None


def upgrade():
    url = str(op.get_bind().engine.url)
    if url.startswith('sqlite'):
        with op.batch_alter_table('note', schema=None) as batch_op:
            batch_op.add_column(sa.Column('pinned', sa.Integer(), server_default='0', nullable=False))
    else:
        op.add_column('note', sa.Column('pinned', sa.Boolean(), server_default=sa.text('true'), nullable=False))


def downgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_column('pinned')
