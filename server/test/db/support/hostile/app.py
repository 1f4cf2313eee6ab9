# Flask-Migrate app of the hostile-names matrix (server/test/db/hostileNames.test.ts): models.py is
# models_v1.py, then models_v2.py; DATABASE_URL is the target database.
import os
from flask import Flask
from flask_migrate import Migrate
from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "postgresql://unused@127.0.0.1/unused")
db.init_app(app)
migrate = Migrate(app, db)
