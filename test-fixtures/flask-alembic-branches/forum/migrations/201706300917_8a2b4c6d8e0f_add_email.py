"""add email

Revision ID: 8a2b4c6d8e0f
Revises: 3f1c2a9b7d10
Create Date: 2017-06-30 09:17:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "8a2b4c6d8e0f"
down_revision = "3f1c2a9b7d10"
branch_labels = ()
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("email", sa.String(length=200), nullable=True))


def downgrade():
    op.drop_column("users", "email")
