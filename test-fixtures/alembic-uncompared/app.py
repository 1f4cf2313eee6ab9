"""A Flask-Migrate app in sync at head, where the models and the history differ only in what Alembic's
autogenerate does not compare (CHECK constraints, expression indexes), in what the models cannot say
statically (a foreign key whose target a mixin computes), and in names that raw SQL renamed."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
