"""A Flask app with SQLAlchemy 2.0 typed models (DeclarativeBase, Mapped, mapped_column) and mixins.
Needs SQLAlchemy >= 2.0 and Flask-SQLAlchemy >= 3.1 to run; its migrations are written in Alembic style."""
import os

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from models import Base

db = SQLAlchemy(model_class=Base)

app = Flask(__name__)
# Tests and the demo point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")

db.init_app(app)
migrate = Migrate(app, db)
