from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.ext.declarative import declared_attr

db = SQLAlchemy()


class SiteTableBase(object):
    """One table per site: `nyaa_torrents`, `sukebei_torrents` (as nyaa's DeclarativeHelperBase)."""

    __tablename_base__ = None
    __flavor__ = None

    @classmethod
    def _table_prefix(cls, table_name):
        # A branch the engine does not follow (declared-attr-tables has the straight-line case it does).
        if cls.__flavor__ is None:
            raise TypeError("a site model needs a __flavor__")
        return cls.__flavor__.lower() + "_" + table_name

    @declared_attr
    def __tablename__(cls):
        return cls._table_prefix(cls.__tablename_base__)


class TorrentBase(SiteTableBase):
    __tablename_base__ = "torrents"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(255), nullable=False)
    info_hash = db.Column(db.String(40), nullable=False)


class NyaaTorrent(TorrentBase, db.Model):
    __flavor__ = "Nyaa"


class SukebeiTorrent(TorrentBase, db.Model):
    __flavor__ = "Sukebei"


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(32), nullable=False)
