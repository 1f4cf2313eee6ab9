import sqlalchemy as sa
from sqlalchemy import Boolean, CheckConstraint, Column, Numeric, String
from sqlalchemy import Integer as Int
from sqlalchemy.dialects import postgresql

from . import base


class Product(base.Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        sa.UniqueConstraint("sku"),
        {"comment": "the catalogue"},
    )

    id = Column(Int, primary_key=True)
    sku = Column(String(32), nullable=False)
    description = Column(sa.Text)
    price = Column(Numeric(10, 2), nullable=False)
    attributes = Column(postgresql.JSONB, nullable=False, server_default="{}")
    tags = Column(postgresql.ARRAY(String(30)))
    active = Column(Boolean, nullable=False, server_default=sa.false())
