"""A Flask-Migrate app whose models (and revision) use sqlalchemy_utils' column types (issue 11,
class 3): real `flask db upgrade` / `flask db migrate` run it in the tests."""
import os

from flask import Flask
from flask_migrate import Migrate

from catalog.models import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
