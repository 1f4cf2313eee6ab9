"""Products priced with the shop's own types; the revisions import the same types and enums."""
from flask_sqlalchemy import SQLAlchemy

from shop.enums import Channel, Kind, Status
from shop.types import Grams, LowerText, Money

db = SQLAlchemy()


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)
    price = db.Column(Money(), nullable=False)
    status = db.Column(db.Enum(Status), nullable=False)
    sku = db.Column(LowerText())
    weight = db.Column(Grams(), server_default="0")
    kind = db.Column(db.Enum(Kind), server_default=Kind.PHYSICAL.name)


class Sale(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.Integer, db.ForeignKey("product.id"), nullable=False)
    channel = db.Column(db.Enum(Channel, name="sale_channel"), nullable=False)
    total = db.Column(Money(), nullable=False)
