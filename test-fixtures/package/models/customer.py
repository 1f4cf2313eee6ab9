import sqlalchemy as sa

from .base import Base


class Customer(Base):
    __tablename__ = "customers"

    id = sa.Column(sa.BigInteger, primary_key=True)
    email = sa.Column(sa.String(255), nullable=False, unique=True)
    name = sa.Column("full_name", sa.Unicode(100))
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP"))
