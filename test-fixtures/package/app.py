"""A Flask app whose models live in a package, across several modules, on a plain declarative Base."""
import os

from flask import Flask
from flask_migrate import Migrate

from extensions import db
import models  # noqa: F401  (registers every model on Base.metadata)

app = Flask(__name__)
# Tests and the demo point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
