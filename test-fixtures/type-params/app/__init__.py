"""Type parameters given on one side only (issue 11, class 4; redash's users.profile_image_url,
pgAdmin's database.schema_res): Alembic compares a length or precision only when both sides give
one, so these are no change; a length both sides give and that differs is one.

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
