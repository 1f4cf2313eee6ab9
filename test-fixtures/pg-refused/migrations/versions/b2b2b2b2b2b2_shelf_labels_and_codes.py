"""shelf labels and numeric codes

Revision ID: b2b2b2b2b2b2
Revises: a1a1a1a1a1a1
Create Date: 2024-02-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'b2b2b2b2b2b2'
down_revision = 'a1a1a1a1a1a1'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('shelf', sa.Column('label', sa.String(length=40), nullable=True))
    # varchar -> integer has no cast PostgreSQL applies by itself: it needs postgresql_using.
    op.alter_column('shelf', 'code',
        existing_type=sa.String(length=20),
        type_=sa.Integer(),
        existing_nullable=True)


def downgrade():
    op.alter_column('shelf', 'code',
        existing_type=sa.Integer(),
        type_=sa.String(length=20),
        existing_nullable=True)
    op.drop_column('shelf', 'label')
