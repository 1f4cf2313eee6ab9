# The hostile-names matrix, first version: every name a quote, backslash, control character, reserved
# word, comment opener, SQL fragment or format placeholder. The test reads it as models.py.
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Evil(db.Model):
    __tablename__ = 'x"; DROP TABLE sentinel; --'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column("it's", db.String(50), nullable=False, server_default="it's; DROP TABLE sentinel; --", comment="'; DROP TABLE sentinel; --\nline2")
    quote = db.Column('say "hi"', db.Text, index=True)
    slash = db.Column('back\\slash', db.Integer, unique=True)
    nl = db.Column('new\nline', db.Integer)
    ws = db.Column('tab\tcr\r sp', db.Integer)
    sel = db.Column('select', db.Integer)
    uni = db.Column('ñandú 🐍', db.Integer)
    cm = db.Column('/* c */ -- d', db.Date)
    fmt = db.Column('%s %(x)s {x} ${y}', db.Integer)
    mood = db.Column(db.Enum("it's", 'a"b', 'back\\', name="mood 'x'; --"), nullable=True)
    __table_args__ = (
        db.UniqueConstraint('select', 'ñandú 🐍', name='uq\'"; DROP TABLE sentinel; --'),
        db.CheckConstraint('"select" > 0', name='ck /* x */'),
        db.Index('ix "weird" \'', 'select'),
    )


class Child(db.Model):
    __tablename__ = "it's"
    id = db.Column(db.Integer, primary_key=True)
    evil_id = db.Column(db.Integer, db.ForeignKey('x"; DROP TABLE sentinel; --.id', ondelete='CASCADE'))


class Doomed(db.Model):
    __tablename__ = 'tab\ttable; DROP TABLE sentinel'
    id = db.Column(db.Integer, primary_key=True)
    note = db.Column("it's", db.Text)
