"""page stats, written idempotently (as pgAdmin and privacyIDEA write theirs)

Revision ID: c2d3e4f5a6b7
Revises: b1c2d3e4f5a6
Create Date: 2024-03-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'c2d3e4f5a6b7'
down_revision = 'b1c2d3e4f5a6'
branch_labels = None
depends_on = None

_BUCKETS = ["bucket_le_1s", "bucket_le_5s"]


def upgrade():
    inspector = sa.inspect(op.get_bind())
    # A comprehension filtering on what the live database already has (nothing, on a fresh one).
    existing_cols = {c['name'] for c in inspector.get_columns('page')}
    new_columns = [
        ('views', sa.Column('views', sa.Integer(), nullable=True)),
        ('summary', sa.Column('summary', sa.Text(), nullable=True)),
    ]
    cols_to_add = [col for name, col in new_columns if name not in existing_cols]
    if cols_to_add:
        with op.batch_alter_table('page') as batch_op:
            for col in cols_to_add:
                batch_op.add_column(col)

    # A column list grown in place, then splatted into create_table.
    columns = [
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('metric', sa.String(length=40), nullable=False),
    ]
    for bucket in _BUCKETS:
        columns.append(sa.Column(bucket, sa.BigInteger(), nullable=False, server_default='0'))
    columns.extend([sa.Column('note', sa.Text(), nullable=True)])
    op.create_table('page_stat', *columns)


def downgrade():
    op.drop_table('page_stat')
    with op.batch_alter_table('page') as batch_op:
        batch_op.drop_column('summary')
        batch_op.drop_column('views')
