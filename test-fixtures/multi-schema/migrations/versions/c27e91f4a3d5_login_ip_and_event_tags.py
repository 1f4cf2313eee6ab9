"""login ip and event tags

Revision ID: c27e91f4a3d5
Revises: 8d4f2a9c6b10
Create Date: 2026-12-01 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c27e91f4a3d5'
down_revision = '8d4f2a9c6b10'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('ALTER TABLE audit.login ADD COLUMN ip varchar(45)')
    op.execute('CREATE INDEX ix_login_at ON audit.login (at)')
    op.create_table('event_tag',
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('tag', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['audit.event.id'], ),
    schema='audit'
    )


def downgrade():
    op.drop_table('event_tag', schema='audit')
    op.execute('DROP INDEX audit.ix_login_at')
    op.execute('ALTER TABLE audit.login DROP COLUMN ip')
