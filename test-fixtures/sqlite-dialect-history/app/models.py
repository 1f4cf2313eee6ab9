from app import db


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    email = db.Column(db.String(120), index=True, unique=True)


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    body = db.Column(db.Text)
    pinned = db.Column(db.Integer, nullable=False, server_default='0')


class LocalSetting(db.Model):
    __tablename__ = 'local_setting'
    key = db.Column(db.String(40), primary_key=True)
    value = db.Column(db.Text)
