import sqlalchemy as sa
from sqlalchemy_utils import ArrowType, TSVectorType

from .base import db
from .types import Cents, UTCDateTime


class Account(db.Model):
    __tablename__ = "account"
    id = db.Column(db.Integer, primary_key=True)


class Entry(db.Model):
    __tablename__ = "entry"
    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("account.id"))
    logged_at = db.Column(ArrowType, server_default=sa.text("now()"), nullable=False)
    booked_at = db.Column(UTCDateTime(timezone=True), nullable=False)
    search_vector = db.Column(TSVectorType("memo"))
    amount = db.Column(Cents())
    memo = db.Column(db.Text)
