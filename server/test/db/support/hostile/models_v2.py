# The hostile-names matrix, second version: a dropped column and table (backed up), an added column
# with a crafted server default, a changed default, a renamed column, a new enum label.
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Evil(db.Model):
    __tablename__ = 'x"; DROP TABLE sentinel; --'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column("it's", db.String(50), nullable=False, server_default="it''s \\ changed", comment="'; DROP TABLE sentinel; --\nline2")
    quote = db.Column('say "hi"', db.Text, index=True)
    slash = db.Column('back\\slash', db.Integer, unique=True)
    added = db.Column('new"; DROP TABLE sentinel; --', db.Text, server_default="x'); DROP TABLE sentinel; --")
    ws = db.Column('tab\tcr\r sp', db.Integer)
    sel = db.Column('select', db.Integer)
    uni = db.Column('ñandú 🐍', db.Integer)
    cm = db.Column('/* r */ -- e', db.Date)
    fmt = db.Column('%s %(x)s {x} ${y}', db.Integer)
    mood = db.Column(db.Enum("it's", 'a"b', 'back\\', "new'one", name="mood 'x'; --"), nullable=True)
    __table_args__ = (
        db.UniqueConstraint('select', 'ñandú 🐍', name='uq\'"; DROP TABLE sentinel; --'),
        db.CheckConstraint('"select" > 0', name='ck /* x */'),
        db.Index('ix "weird" \'', 'select'),
    )


class Child(db.Model):
    __tablename__ = "it's"
    id = db.Column(db.Integer, primary_key=True)
    evil_id = db.Column(db.Integer, db.ForeignKey('x"; DROP TABLE sentinel; --.id', ondelete='CASCADE'))


