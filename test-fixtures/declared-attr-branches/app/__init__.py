"""A mixin column made by a @declared_attr whose body branches (indico's StoredFileMixin.created_dt,
RenderModeMixin.render_mode): the column is not seen, so it is taken as the migrations have it,
never reported as dropped. A column the model really dropped still is (issue 11).

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
