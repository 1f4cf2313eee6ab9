"""A Flask-Migrate app whose models and revisions take their names with `from shop.base import *` (issue 11, class 3)."""
import os

from flask import Flask
from flask_migrate import Migrate

from shop.models import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
