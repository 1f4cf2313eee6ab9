"""add user email

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2021-03-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1a2b3c4d5e6f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # "user" and "post" were made by db.create_all(); this history starts after that.
    op.add_column('user', sa.Column('email', sa.String(length=120), nullable=True))
    op.create_unique_constraint('user_email_key', 'user', ['email'])


def downgrade():
    op.drop_constraint('user_email_key', 'user', type_='unique')
    op.drop_column('user', 'email')
