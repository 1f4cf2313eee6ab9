"""Python files beside the models that used to stop check with exit 2 (issue 11, FlaskApp):
scripts/seed.py puts two statements on one line (`import x; x.y()`), which Python accepts and which
was read as an unexpected indent; app/services/report.py does not parse at all (a stray backslash,
as in FlaskApp's file_processor.py), but names nothing a model is made of, so it hides no model: its
syntax error is an info note and the models are still compared.

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
