import sqlalchemy as sa
from sqlalchemy import event


def add_search_trigger(model, column_name):
    """Builds no table: only a trigger after the table is created."""
    trigger = f"{model.__tablename__}_{column_name}_trigger"
    event.listen(model.__table__, "after_create", sa.DDL(f"CREATE TRIGGER {trigger} ..."))
    return {"trigger": trigger}


def make_link_table(left, right):
    """Builds a table named after both models."""
    return sa.Table(
        f"{left.__tablename__}_{right.__tablename__}_link",
        left.metadata,
        sa.Column("left_id", sa.ForeignKey(f"{left.__tablename__}.id"), primary_key=True),
        sa.Column("right_id", sa.ForeignKey(f"{right.__tablename__}.id"), primary_key=True),
    )


def add_audit_columns(model):
    """Adds a column to the model it is handed, through another helper."""
    _add_column(model, "created_by")


def _add_column(model, name):
    setattr(model, name, sa.Column(sa.String(80)))
