# A module from the Flask 0.x days: flask.ext.sqlalchemy is Flask-SQLAlchemy.
from flask.ext.sqlalchemy import SQLAlchemy

legacy_db = SQLAlchemy()


class AuditEntry(legacy_db.Model):
    __tablename__ = "audit_entry"
    id = legacy_db.Column(legacy_db.Integer, primary_key=True)
    action = legacy_db.Column(legacy_db.String(50))
