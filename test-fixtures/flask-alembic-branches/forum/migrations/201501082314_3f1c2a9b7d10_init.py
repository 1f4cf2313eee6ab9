"""init

Revision ID: 3f1c2a9b7d10
Revises:
Create Date: 2015-01-08 23:14:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "3f1c2a9b7d10"
down_revision = None
branch_labels = ("forum",)
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("users")
