"""A Flask-Alembic project: the revisions sit directly in shop/migrations/ (no env.py, no
versions/ folder); the configuration lives in the app."""
from flask import Flask
from flask_alembic import Alembic

from shop.models import db

alembic = Alembic()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    alembic.init_app(app)
    return app
