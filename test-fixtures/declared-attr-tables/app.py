"""A Flask-Migrate app whose models name and build their tables per model through @declared_attr
methods (issue 11, class 3): real `flask db upgrade` / `flask db migrate` run it in the tests."""
import os

from flask import Flask
from flask_migrate import Migrate

from boards.models import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
