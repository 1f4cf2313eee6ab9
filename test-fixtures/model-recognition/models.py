from authlib.integrations.sqla_oauth2 import OAuth2ClientMixin
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy_utils import aggregated

from extensions import Column, db, tracked_column


class Account(db.Model):
    __tablename__ = "account"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    # Read by this tool as a column although wrapped.
    nickname = db.column_property(db.Column(db.String(40)))
    # Through the functools.partial helper: read as db.Column(db.String(20), nullable=False).
    plan = Column(db.String(20))
    # Through a wrapper function: a column this tool cannot read.
    referral = tracked_column(db.String(40))
    # as_mutable(T) is the type T.
    settings = db.Column(MutableDict.as_mutable(JSONB))

    # sqlalchemy_utils keeps this column up to date: the method's name is the column.
    @aggregated("clients", db.Column(db.Integer, nullable=False, server_default="0"))
    def client_count(self):
        return db.func.count("1")


class Client(db.Model, OAuth2ClientMixin):
    """OAuth2ClientMixin (a library outside the project) adds client_id, client_secret, ..."""
    __tablename__ = "oauth2_client"
    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("account.id"))
