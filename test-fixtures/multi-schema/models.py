"""Users in the default schema; what they do is recorded in the "audit" schema."""
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)


class Event(db.Model):
    __table_args__ = {"schema": "audit"}
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), index=True)
    kind = db.Column(db.String(40), nullable=False, index=True)
    detail = db.Column(db.Text)


class Login(db.Model):
    __table_args__ = (db.Index("ix_login_at", "at"), {"schema": "audit"})
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    at = db.Column(db.DateTime)
    ip = db.Column(db.String(45))


class LegacyLog(db.Model):
    __tablename__ = "legacy_log"
    __table_args__ = {"schema": "audit"}
    id = db.Column(db.Integer, primary_key=True)
    line = db.Column(db.Text)


event_tag = db.Table(
    "event_tag",
    db.Column("event_id", db.Integer, db.ForeignKey("audit.event.id")),
    db.Column("tag", db.String(30)),
    schema="audit",
)
