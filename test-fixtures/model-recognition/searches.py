# mapped_column imported from where one project imports it (sqlalchemy.testing.schema re-exports it),
# __tablename__ from a module constant, and a column named `query` (it hides Model.query).
from sqlalchemy import Integer
from sqlalchemy.orm import Mapped
from sqlalchemy.testing.schema import mapped_column

from constants import SEARCH_TABLE
from extensions import db


class SavedSearch(db.Model):
    __tablename__ = SEARCH_TABLE
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query = db.Column(db.Unicode(200))
