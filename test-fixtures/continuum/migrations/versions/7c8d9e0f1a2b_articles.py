"""articles, versioned

Revision ID: 7c8d9e0f1a2b
Revises:
Create Date: 2023-02-01 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '7c8d9e0f1a2b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('article_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('title', sa.String(length=200), autoincrement=False, nullable=True),
    sa.Column('transaction_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('end_transaction_id', sa.BigInteger(), nullable=True),
    sa.Column('operation_type', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', 'transaction_id')
    )
    op.create_index(op.f('ix_article_version_end_transaction_id'), 'article_version', ['end_transaction_id'], unique=False)
    op.create_index(op.f('ix_article_version_operation_type'), 'article_version', ['operation_type'], unique=False)
    op.create_index(op.f('ix_article_version_transaction_id'), 'article_version', ['transaction_id'], unique=False)
    op.create_table('transaction',
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('remote_addr', sa.String(length=50), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('transaction')
    op.drop_index(op.f('ix_article_version_transaction_id'), table_name='article_version')
    op.drop_index(op.f('ix_article_version_operation_type'), table_name='article_version')
    op.drop_index(op.f('ix_article_version_end_transaction_id'), table_name='article_version')
    op.drop_table('article_version')
    op.drop_table('article')
