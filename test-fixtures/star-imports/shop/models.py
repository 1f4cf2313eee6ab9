"""Invoices, with every name from shop.base through a star import."""
from shop.base import *


class Customer(Stamped, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)


class Invoice(Stamped, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customer.id"), nullable=False)
    total = db.Column(Money(), nullable=False)
    status = db.Column(db.Enum(Status), nullable=False)
