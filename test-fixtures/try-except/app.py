"""A Flask-Migrate app whose second revision wraps ops in try/except (issue 11, class 1)."""
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


@app.route("/")
def index():
    return "ok"
