"""A Flask app whose models derive from an OAuth2 library's mixins (issue 11, class 3). The library is
installed in the project's own virtual environment (.venv), which this app puts on sys.path the way an
activated environment would, so that real `flask db` runs it with the system Python."""
import glob
import os
import site

for packages in glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".venv", "lib", "python3*", "site-packages")):
    site.addsitedir(packages)

from flask import Flask  # noqa: E402
from flask_migrate import Migrate  # noqa: E402

from models import db  # noqa: E402

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False

db.init_app(app)
migrate = Migrate(app, db)
