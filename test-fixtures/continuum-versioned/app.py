"""SQLAlchemy-Continuum: make_versioned(...) with a user class and plugins; versioned models (one through a
mixin, one excluding a column), a many-to-many association; the history creates the version, transaction
and plugin tables as real `flask db migrate` wrote them with Continuum installed."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "postgresql://localhost/continuum_versioned")
db.init_app(app)
migrate = Migrate(app, db)
