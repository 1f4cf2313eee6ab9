"""shop

Revision ID: 5e6f7a8b9c0d
Revises:
Create Date: 2024-05-06 10:11:12.131415

"""
from alembic import op
import sqlalchemy as sa

revision = '5e6f7a8b9c0d'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'project',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'venue',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['project.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'project_venue_primary',
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('venue_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['project.id']),
        sa.ForeignKeyConstraint(['venue_id'], ['venue.id']),
        sa.PrimaryKeyConstraint('project_id'),
    )
    op.create_table('sponsor', sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'))
    op.create_table('badge', sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'))
    op.create_table(
        'sponsor_badge_link',
        sa.Column('left_id', sa.Integer(), nullable=False),
        sa.Column('right_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['left_id'], ['sponsor.id']),
        sa.ForeignKeyConstraint(['right_id'], ['badge.id']),
        sa.PrimaryKeyConstraint('left_id', 'right_id'),
    )
    op.create_table(
        'ticket',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('price', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'order',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('legacy_code', sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'order_archive',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['order.id']),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    for table in ('order_archive', 'order', 'ticket', 'sponsor_badge_link', 'badge', 'sponsor', 'project_venue_primary', 'venue', 'project'):
        op.drop_table(table)
