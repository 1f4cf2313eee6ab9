from sqlalchemy import Column, DateTime, Enum, ForeignKey, Index, Integer, SmallInteger, func, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import relationship

from .base import Base
from .customer import Customer
from .enums import OrderStatus


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_customer_status", "customer_id", "status"),)

    id = Column(Integer, primary_key=True)
    # No type: SQLAlchemy takes the referenced column's (customers.id is a BIGINT).
    customer_id = Column(ForeignKey(Customer.id, ondelete="CASCADE"), nullable=False)
    status = Column(Enum(OrderStatus, name="order_status"), nullable=False, server_default="pending")
    placed_at = Column(DateTime, server_default=func.now())
    public_id = Column(UUID(as_uuid=True), unique=True, index=True, server_default=text("gen_random_uuid()"))

    customer = relationship(Customer, backref="orders")
    lines = relationship("OrderLine", back_populates="order")


class OrderLine(Base):
    __tablename__ = "order_lines"

    order_id = Column(Integer, ForeignKey("orders.id"), primary_key=True)
    product_id = Column(Integer, ForeignKey("products.id", ondelete="RESTRICT"), primary_key=True)
    quantity = Column(SmallInteger, nullable=False, server_default=text("1"))

    order = relationship(Order, back_populates="lines")
