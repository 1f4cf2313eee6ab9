"""A Flask app with model inheritance: an abstract base, mixins (with declared_attr), single-table and
joined-table inheritance, an association table and an association object."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
# Tests and the demo point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
