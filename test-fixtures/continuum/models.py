from flask_sqlalchemy import SQLAlchemy
from sqlalchemy_continuum import make_versioned

make_versioned(user_cls=None)

db = SQLAlchemy()


class Article(db.Model):
    __versioned__ = {}
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200))


db.configure_mappers()
