"""A Flask app whose revisions branch on the database they run on (SQLite here, PostgreSQL elsewhere)."""
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from config import Config

app = Flask(__name__)
app.config.from_object(Config)
db = SQLAlchemy(app)
migrate = Migrate(app, db)

from app import models  # noqa: E402,F401
