"""A bookshop whose history holds steps PostgreSQL refuses whatever the data: a type change with no
cast, a column of an enum type nothing created, a table dropped while another still references it.
Each makes PostgreSQL roll back its whole revision, so no database gets past the first of them."""
import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "postgresql://localhost/bookshop")
db.init_app(app)
migrate = Migrate(app, db)
