"""author bio

Revision ID: c3c3c3c3c3c3
Revises: b2b2b2b2b2b2
Create Date: 2024-02-15 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'c3c3c3c3c3c3'
down_revision = 'b2b2b2b2b2b2'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('author', sa.Column('bio', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('author', 'bio')
