"""A Flask-Migrate app whose tables live in two PostgreSQL schemas: public and audit (issue 11, class 1)."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
# include_schemas: autogenerate compares every schema of the database, not only the default one.
migrate = Migrate(app, db, include_schemas=True)


@app.route("/")
def index():
    return "ok"
