"""A Flask-Migrate app whose migrations/ folder is not made yet (issue 11)."""
import os

from flask import Flask

from shop.extensions import db, migrate
from shop import models  # noqa: F401  (the models must be imported for flask db migrate)

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate.init_app(app, db)
