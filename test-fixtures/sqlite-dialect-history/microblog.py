from app import app, db  # noqa: F401
