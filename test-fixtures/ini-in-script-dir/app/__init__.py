"""migrations/alembic.ini says `script_location = migrations`, which is the project root's
migrations/ folder, not migrations/migrations (issue 11: OpenOversight's and FlaskApp's check
exited 2 with "the migration history cannot be found"). Flask-Migrate overrides script_location
with its own directory; alembic run from the root resolves the relative path against the root.

A Flask-Migrate app, so that real `flask db upgrade` builds this history in the fixture tests."""
import os

from flask import Flask
from flask_migrate import Migrate

from .models import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
