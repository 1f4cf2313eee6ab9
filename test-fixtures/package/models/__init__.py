from .base import Base
from .customer import Customer
from .order import Order, OrderLine
from .product import Product

__all__ = ["Base", "Customer", "Order", "OrderLine", "Product"]
