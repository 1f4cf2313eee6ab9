"""Una app Flask-Migrate cuyos modelos leen constantes del módulo (issue 11): largos, esquema, tipos."""
import os

from flask import Flask
from flask_migrate import Migrate

from clinica.modelos import db

app = Flask(__name__)
# Tests point DATABASE_URL at a throwaway PostgreSQL database; the default touches nothing.
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db, include_schemas=True)
