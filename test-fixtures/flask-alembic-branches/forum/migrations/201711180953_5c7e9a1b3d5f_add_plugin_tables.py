"""add plugin tables

Revision ID: 5c7e9a1b3d5f
Revises:
Create Date: 2017-11-18 09:53:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "5c7e9a1b3d5f"
down_revision = None
branch_labels = ("default",)
depends_on = None


def upgrade():
    op.create_table(
        "plugin_store",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("plugin_store")
