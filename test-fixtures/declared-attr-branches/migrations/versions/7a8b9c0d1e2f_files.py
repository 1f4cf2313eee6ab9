"""files

Revision ID: 7a8b9c0d1e2f
Revises:
Create Date: 2024-07-08 09:10:11.121314

"""
from alembic import op
import sqlalchemy as sa

revision = '7a8b9c0d1e2f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('created_dt', sa.DateTime(), nullable=False),
        sa.Column('checksum', sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('files')
