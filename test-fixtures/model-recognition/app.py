"""Models written the ways real projects write them, which a reader of `db.Model` subclasses alone
misses: a project's own SQLAlchemy subclass, flask.ext.sqlalchemy, a partial Column helper,
column_property(Column(...)), and a mixin from a library outside the project."""
import os

from flask import Flask
from flask_migrate import Migrate

from extensions import db
import models  # noqa: F401

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
db.init_app(app)
migrate = Migrate(app, db)
