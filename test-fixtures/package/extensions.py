from flask_sqlalchemy import SQLAlchemy

from models.base import Base

# Flask-SQLAlchemy uses the project's own declarative Base (and its naming convention) as-is.
db = SQLAlchemy(model_class=Base)
