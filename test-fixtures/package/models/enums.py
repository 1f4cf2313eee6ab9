import enum


class OrderStatus(enum.Enum):
    pending = "P"
    paid = "A"
    shipped = "S"
    cancelled = "C"
