"""Models whose __tablename__ cannot be read statically (issue 11, nyaa: one set of tables per site,
`nyaa_torrents` and `sukebei_torrents`, named by a @declared_attr that calls classmethods on a
`__flavor__` class attribute, here one that branches, which the engine does not follow). Each such model still maps a table: a head table the models lack that
has most of its columns may be it, so findings there are info, never DS102 warnings, and `revision`
writes no drop_table for them. `legacy_log` has none of their columns: its drop is a real one.

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
