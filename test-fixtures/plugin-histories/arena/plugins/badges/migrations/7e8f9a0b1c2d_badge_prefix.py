"""prefix the badge columns

Revision ID: 7e8f9a0b1c2d
Revises:
Create Date: 2021-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "7e8f9a0b1c2d"
down_revision = None
branch_labels = None
depends_on = None


def upgrade(op=None):
    # CTFd hands plugin revisions its own Operations object; the default is None.
    op.add_column("badges", sa.Column("badge_points", sa.Integer(), nullable=True))
    op.execute("UPDATE badges SET badge_points = points")
    op.drop_column("badges", "points")


def downgrade(op=None):
    op.add_column("badges", sa.Column("points", sa.Integer(), nullable=True))
    op.execute("UPDATE badges SET points = badge_points")
    op.drop_column("badges", "badge_points")
