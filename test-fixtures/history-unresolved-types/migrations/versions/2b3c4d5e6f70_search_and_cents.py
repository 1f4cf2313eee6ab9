"""search and cents

Revision ID: 2b3c4d5e6f70
Revises: 1a2b3c4d5e6f
Create Date: 2024-03-11 16:40:02.202020

"""
from alembic import op
import sqlalchemy as sa
import sqlalchemy_utils as su

from ledger.types import Cents

revision = '2b3c4d5e6f70'
down_revision = '1a2b3c4d5e6f'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('entry', sa.Column('search_vector', su.TSVectorType(), nullable=True))
    op.alter_column('entry', 'amount', type_=Cents(), existing_type=sa.Text(), postgresql_using='amount::integer')


def downgrade():
    op.alter_column('entry', 'amount', type_=sa.Text(), existing_type=Cents())
    op.drop_column('entry', 'search_vector')
