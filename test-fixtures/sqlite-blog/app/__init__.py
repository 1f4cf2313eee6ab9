"""A beginner's Flask app on SQLite: Flask-SQLAlchemy + Flask-Migrate 4 (render_as_batch by default)."""
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from config import Config

app = Flask(__name__)
app.config.from_object(Config)
db = SQLAlchemy(app)
migrate = Migrate(app, db)

from app import models  # noqa: E402,F401
