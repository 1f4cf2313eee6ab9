"""Columns typed with sqlalchemy_utils: each is created as its impl, which depends on the arguments
(ChoiceType's `impl=`, EmailType's length, IPAddressType's max_length, UUIDType's native/binary...)."""
from enum import Enum, IntEnum

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy_utils import (
    ArrowType,
    ChoiceType,
    ColorType,
    CountryType,
    CurrencyType,
    EmailType,
    IPAddressType,
    JSONType,
    LocaleType,
    PasswordType,
    PhoneNumberType,
    ScalarListType,
    TimezoneType,
    TSVectorType,
    URLType,
    UUIDType,
    WeekDaysType,
)

db = SQLAlchemy()

KINDS = [("flat", "Flat"), ("house", "House")]


class Status(IntEnum):
    DRAFT = 0
    LISTED = 1
    SOLD = 2


class Grade(Enum):
    A = "a"
    B = "b"


class Listing(db.Model):
    __tablename__ = "listings"

    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(ChoiceType(Status, impl=db.Integer()), nullable=False)
    kind = db.Column(ChoiceType(KINDS))
    grade = db.Column(ChoiceType(Grade, db.String(8)))
    email = db.Column(EmailType, unique=True)
    backup_email = db.Column(EmailType(length=120))
    password = db.Column(PasswordType(max_length=255, schemes=["pbkdf2_sha512"]), nullable=False)
    token = db.Column(UUIDType(binary=False))
    legacy_token = db.Column(UUIDType(binary=False, native=False))
    settings = db.Column(JSONType)
    homepage = db.Column(URLType)
    last_ip = db.Column(IPAddressType(max_length=60))
    tags = db.Column(ScalarListType(int))
    published_at = db.Column(ArrowType(timezone=True))
    zone = db.Column(TimezoneType(backend="pytz"))
    country = db.Column(CountryType)
    currency = db.Column(CurrencyType)
    locale = db.Column(LocaleType)
    colour = db.Column(ColorType(max_length=7))
    phone = db.Column(PhoneNumberType(region="ES", max_length=32))
    open_days = db.Column(WeekDaysType)
    search = db.Column(TSVectorType("homepage"))
