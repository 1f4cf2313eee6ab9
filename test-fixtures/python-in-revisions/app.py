"""Revisions written with Python, as real projects write them: dialect tests on the URL, module
constants, string methods, f-strings, loops over literal lists, helper functions in the file."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
db.init_app(app)
migrate = Migrate(app, db)
