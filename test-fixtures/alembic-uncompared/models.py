from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.ext.declarative import declared_attr

db = SQLAlchemy()

MAX_POINTS = 100


class User(db.Model):
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    # An expression index: Alembic's autogenerate skips it on both sides.
    __table_args__ = (db.Index('ix_uq_users_email_lower', db.func.lower(email), unique=True),)


class Ticket(db.Model):
    __tablename__ = 'tickets'
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    points = db.Column(db.Integer, nullable=False, server_default='0')
    # Renamed from owner_id; the revision renamed its index and foreign key in raw SQL.
    assignee_id = db.Column(db.Integer, db.ForeignKey('users.id'), index=True)
    __table_args__ = (
        # Spelled differently from the revision's, and the second name as a positional argument:
        # CHECK constraints are not compared by autogenerate.
        db.CheckConstraint('length(title) > 0', name='ck_tickets_title_not_empty'),
        db.CheckConstraint(f'points <= {MAX_POINTS}', 'ck_tickets_points_max'),
    )


class VoteMixin:
    target_class = None

    @declared_attr
    def id(cls):
        return db.Column(db.Integer, primary_key=True)

    @declared_attr
    def ticket_id(cls):
        # The target is computed from the class: the tool cannot read it, so its key is not "dropped".
        return db.Column(db.Integer, db.ForeignKey(f'{cls.target_class.__table__.fullname}.id'), nullable=False, index=True)


class TicketVote(VoteMixin, db.Model):
    __tablename__ = 'ticket_votes'
    target_class = Ticket
    value = db.Column(db.Integer, nullable=False)
