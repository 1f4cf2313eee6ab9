"""member becomes account

Revision ID: 4d5e6f7a8b9c
Revises: 3c4d5e6f7a8b
Create Date: 2024-05-20 17:02:45.404040

"""
from dataclasses import dataclass

from alembic import op
import sqlalchemy as sa
from rich.progress import Progress

revision = '4d5e6f7a8b9c'
down_revision = '3c4d5e6f7a8b'
branch_labels = None
depends_on = None


@dataclass
class Rename:
    """A table rename, with its columns."""

    current_name: str
    future_name: str
    columns: tuple = ()

    def upgrade(self):
        op.rename_table(self.current_name, self.future_name)
        for old, new in self.columns:
            op.alter_column(self.future_name, old, new_column_name=new)

    def downgrade(self):
        for old, new in self.columns:
            op.alter_column(self.future_name, new, new_column_name=old)
        op.rename_table(self.future_name, self.current_name)


renames = [
    Rename('member', 'account'),
    Rename('member_email', 'account_email', columns=(('member_id', 'account_id'),)),
]


def upgrade():
    conn = op.get_bind()
    # Reads audit_log, hands it to no one: audit_log is not made uncertain by the progress bar below.
    count = conn.scalar(sa.select(sa.func.count()).select_from(sa.table('audit_log')))
    progress = Progress(count)
    for rn in renames:
        rn.upgrade()
    progress.stop()


def downgrade():
    for rn in reversed(renames):
        rn.downgrade()
