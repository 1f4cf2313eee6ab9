"""Extensions, made once and bound to the app in app.py."""
from flask_migrate import Migrate
from flask_sqlalchemy import Model, SQLAlchemy


class CRUDMixin(Model):
    """Convenience methods every model gets; no table of its own."""

    @classmethod
    def create(cls, **kwargs):
        instance = cls(**kwargs)
        db.session.add(instance)
        db.session.commit()
        return instance


db = SQLAlchemy(model_class=CRUDMixin)
migrate = Migrate()
