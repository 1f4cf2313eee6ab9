"""product kind: the enum type created by hand through a variable, as revisions written before
Flask-Migrate created enums themselves do

Revision ID: b4c6e8a0f2d5
Revises: 8e2a4c6b0d13
Create Date: 2026-12-02 06:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

from shop.enums import Kind


# revision identifiers, used by Alembic.
revision = 'b4c6e8a0f2d5'
down_revision = '8e2a4c6b0d13'
branch_labels = None
depends_on = None


def upgrade():
    kind_enum = sa.Enum(Kind)
    kind_enum.create(op.get_bind(), checkfirst=True)
    op.add_column('product', sa.Column('kind', kind_enum, server_default=Kind.PHYSICAL.name, nullable=True))


def downgrade():
    op.drop_column('product', 'kind')
    sa.Enum(Kind).drop(op.get_bind())
