from sqlalchemy_utils import EmailType, UUIDType

from .base import db, key_type
from .types import Flexible, JSONText, MutableDict, Secret, ShortCode, TrimmedJSON


class Vault(db.Model):
    __tablename__ = "vault"
    id = db.Column(db.Integer, primary_key=True)
    config = db.Column(JSONText)
    notes = db.Column(TrimmedJSON())
    code = db.Column(ShortCode(12))
    secret = db.Column(MutableDict.as_mutable(Secret(db.Text, "not-a-real-key")))
    email = db.Column(EmailType)
    token = db.Column(UUIDType(binary=False))
    layout = db.Column(Flexible)
    owner_id = db.Column(key_type("User"))
