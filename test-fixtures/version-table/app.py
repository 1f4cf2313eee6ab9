"""A Flask-Migrate app with a custom version_table (issue 11, class 2)."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
# Tests and the demo point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
# The project records its revisions in its own table, not alembic_version (Flask-Migrate passes
# version_table on to context.configure through env.py's **configure_args).
migrate = Migrate(app, db, version_table="shop_schema_version")


@app.route("/")
def index():
    return "ok"
