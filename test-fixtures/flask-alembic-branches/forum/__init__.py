"""A Flask-Alembic project with two independent branches in one folder, as FlaskBB had them:
the core history (labelled "forum") and a "default" branch that Flask-Alembic's `revision`
started for the plugin tables. `flask db upgrade` goes to "heads"; new revisions go on "default"."""
from flask import Flask
from flask_alembic import Alembic

from forum.models import db

alembic = Alembic()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    alembic.init_app(app)
    return app
