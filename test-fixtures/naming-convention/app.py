"""A naming convention set by assignment (db.Model.metadata.naming_convention = ...), with callable
tokens, that names the revisions' unnamed indexes and constraints as Alembic runs them."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
db.init_app(app)
migrate = Migrate(app, db)
