"""SQLAlchemy-Continuum: article_version and transaction are created by the plugin when the
mappers are configured; no class declares them, and they are not dropped tables."""
from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db.init_app(app)
migrate = Migrate(app, db)
