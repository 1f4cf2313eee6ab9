from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import declared_attr

db = SQLAlchemy()


class StoredFileMixin:
    add_file_date_column = True

    @declared_attr
    def created_dt(cls):
        if not cls.add_file_date_column:
            return None
        return db.Column(db.DateTime, nullable=False)


class File(StoredFileMixin, db.Model):
    __tablename__ = "files"
    id = db.Column(db.Integer, primary_key=True)
    filename = db.Column(db.String(200), nullable=False)
