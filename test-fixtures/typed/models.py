import datetime
import decimal
import enum
import uuid
from typing import Annotated, List, Optional

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, false, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Reusable column shapes (SQLAlchemy 2.0 Annotated types).
intpk = Annotated[int, mapped_column(primary_key=True)]
required_name = Annotated[str, mapped_column(String(120), nullable=False)]


class Base(DeclarativeBase):
    type_annotation_map = {decimal.Decimal: Numeric(12, 2)}


class Priority(enum.Enum):
    low = 1
    normal = 2
    high = 3


class TimestampMixin:
    created_at: Mapped[datetime.datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[Optional[datetime.datetime]]


class Project(TimestampMixin, Base):
    __tablename__ = "projects"

    id: Mapped[intpk]
    name: Mapped[required_name] = mapped_column(unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[decimal.Decimal]
    public_id: Mapped[uuid.UUID] = mapped_column(unique=True, index=True)

    tasks: Mapped[List["Task"]] = relationship(back_populates="project")


class Task(TimestampMixin, Base):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_project_done", "project_id", "done"),)

    id: Mapped[intpk]
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    done: Mapped[bool] = mapped_column(default=False, server_default=false())
    priority: Mapped[Priority] = mapped_column(server_default="normal")
    estimate_hours: Mapped[Optional[float]]
    due: Mapped[datetime.date | None]
    notes: Mapped[str] = mapped_column(nullable=True)

    project: Mapped["Project"] = relationship(back_populates="tasks")
