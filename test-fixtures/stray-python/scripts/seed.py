"""Seeds the catalogue (run by hand)."""
import os; os.environ.setdefault("DATABASE_URL", "sqlite://")
from app import app
from app.models import Autor, db

with app.app_context():
    db.session.add(Autor(nombre="Gabriela Mistral")); db.session.commit()
