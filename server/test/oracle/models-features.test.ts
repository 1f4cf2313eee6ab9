// Oracle: model features the fixtures do not exercise — written to a scratch project, created with
// SQLAlchemy 1.4's own create_all on PostgreSQL, and compared with what we read from the source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { initPythonParser } from '../../src/core/python/parser';
import { extractModels, readProjectPythonFiles } from '../../src/core/models';
import { schemaToJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import type { Schema } from '../../src/core/schema/types';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase } from '../support/pgdb';

/** Each project: files → run `import <entry>` and create_all on `<metadata>`. */
const PROJECTS: Record<string, { files: Record<string, string>; metadata: string; tables: string[] }> = {
  'plain declarative features': {
    metadata: 'shop.models.Base.metadata',
    tables: ['bin', 'bin_items', 'region', 'shelf', 'warehouse'],
    files: {
      'shop/__init__.py': '',
      'shop/models.py': `
import enum
import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, ForeignKeyConstraint, Identity, Index, Integer, MetaData, Sequence, String, Table, UniqueConstraint, CheckConstraint
from sqlalchemy.orm import declarative_base, declared_attr

convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s_%(referred_column_0_name)s",
    "pk": "pk_%(table_name)s",
}
Base = declarative_base(metadata=MetaData(naming_convention=convention))


class Color(enum.Enum):
    red = "r"
    green = "g"


class Region(Base):
    __tablename__ = "region"
    code = Column(String(8), primary_key=True)
    number = Column(Integer, primary_key=True, autoincrement=False)
    name = Column(sa.Unicode(200), nullable=False, comment="display name")


class Warehouse(Base):
    __tablename__ = "warehouse"
    __table_args__ = (
        ForeignKeyConstraint(["region_code", "region_number"], ["region.code", "region.number"], ondelete="SET NULL"),
        UniqueConstraint("name", "region_code"),
        Index("ix_custom_city", "city", unique=True),
        CheckConstraint("capacity > 0", name="ck_capacity"),
        CheckConstraint("capacity < 100000 AND capacity > -1"),
        # The name as CheckConstraint's second positional argument.
        CheckConstraint("city <> ''", "ck_city_not_empty"),
    )
    id = Column(sa.BigInteger, Identity(start=10), primary_key=True)
    name = Column(String(50), nullable=False)
    city = Column(String(50))
    region_code = Column(String(8))
    region_number = Column(Integer)
    capacity = Column(Integer, CheckConstraint("capacity <> 13"), nullable=False, server_default=sa.text("100"))
    color = Column(sa.Enum(Color), server_default="red")
    serial_no = Column(Integer, Sequence("warehouse_serial_seq"), unique=True, index=True)
    grade = Column(sa.Enum("a", "b", name="grade_kind", native_enum=False, create_constraint=True))
    tier = Column(sa.Enum("gold", "silver", native_enum=False, create_constraint=True), nullable=False, server_default="gold")
    plain_flag = Column(sa.Boolean(create_constraint=True))


class Shelf(Base):
    __tablename__ = "shelf"
    id = Column(Integer, primary_key=True)
    warehouse_id = Column(ForeignKey("warehouse.id", ondelete="CASCADE", name="shelf_in_warehouse"), nullable=False)
    label = Column(String(20), server_default="A-1")
    weight = Column(sa.Numeric(8, 3), server_default="0.5")
    level = Column(sa.SmallInteger, primary_key=False, default=1)


class Versioned:
    @declared_attr
    def version(cls):
        return Column(Integer, nullable=False, server_default="1")


class Bin(Versioned, Base):
    __tablename__ = "bin"
    id = Column(Integer, primary_key=True, autoincrement=True)
    shelf_id = Column(Integer, ForeignKey("shelf.id"), index=True)
    tags = Column(sa.ARRAY(sa.Text))


bin_items = Table(
    "bin_items",
    Base.metadata,
    Column("bin_id", ForeignKey("bin.id"), primary_key=True),
    Column("sku", String(30), primary_key=True),
    Column("qty", Integer, nullable=False, server_default="0"),
    UniqueConstraint("sku", "qty", name="one_qty_per_sku"),
)
`,
    },
  },
  'flask-sqlalchemy with a naming convention, __table__ and class-attribute references': {
    metadata: 'app.db.metadata',
    tables: ['gadgets', 'http_person', 'notes', 'staff'],
    files: {
      'app.py': `
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

db = SQLAlchemy(metadata=MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "%(table_name)s_%(column_0_name)s_uq",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}))

import models  # noqa: E402,F401
`,
      'models/__init__.py': 'from .people import *  # noqa\nfrom .things import *  # noqa\n',
      'models/people.py': `
from app import db


class HTTPPerson(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200), unique=True, nullable=False)
    kind = db.Column(db.String(10))
    __mapper_args__ = {"polymorphic_on": kind, "polymorphic_identity": "person"}


class Admin(HTTPPerson):
    rights = db.Column(db.String(50), server_default="all")
    __mapper_args__ = {"polymorphic_identity": "admin"}


class Staff(HTTPPerson):
    id = db.Column(db.Integer, db.ForeignKey(HTTPPerson.id), primary_key=True)
    badge = db.Column(db.Integer, nullable=False)
    __table_args__ = (db.CheckConstraint("badge > 0", name="badge_positive"),)
    __mapper_args__ = {"polymorphic_identity": "staff"}
`,
      'models/things.py': `
import sqlalchemy as sa
from app import db
from .people import HTTPPerson


class Gadget(db.Model):
    __table__ = db.Table(
        "gadgets",
        db.Column("id", db.Integer, primary_key=True),
        db.Column("owner_id", db.Integer, db.ForeignKey("http_person.id")),
        db.Column("name", db.String(40), index=True),
    )


class Note(db.Model):
    __tablename__ = "notes"
    id = db.Column(db.BigInteger, primary_key=True)
    author_id = db.Column(db.ForeignKey(HTTPPerson.id, ondelete="SET NULL"))
    body = db.Column(db.Text, nullable=False, server_default="")
    created = db.Column(db.DateTime(timezone=True), server_default=sa.func.current_timestamp())
    stamp = db.Column(db.Time, server_default=sa.text("CURRENT_TIME"))
`,
    },
  },
};

const CREATE_ALL = `
import importlib, os, sys
import sqlalchemy as sa
sys.path.insert(0, os.getcwd())
module_name, _, attribute = os.environ["MG_METADATA"].rpartition(".")
owner, _, base = module_name.rpartition(".")
metadata = getattr(getattr(importlib.import_module(owner), base), attribute)
metadata.create_all(sa.create_engine(os.environ["DATABASE_URL"]))
`;

function names(schema: Schema) {
  const out: Record<string, string[]> = {};
  for (const [table, t] of Object.entries(schema.tables)) {
    out[table] = [
      t.primaryKey?.name ?? '',
      ...t.uniques.map((u) => u.name),
      ...t.foreignKeys.map((f) => f.name),
      ...t.checks.map((c) => c.name),
      ...t.indexes.map((i) => i.name),
    ].sort();
  }
  return out;
}

describe('oracle: model features vs SQLAlchemy 1.4 create_all', () => {
  const dirs: string[] = [];
  before(async () => {
    await initPythonParser();
  });
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const [title, project] of Object.entries(PROJECTS)) {
    it(title, async (t) => {
      if (await needsPythonAndPostgres(t)) return;
      const dir = mkdtempSync(path.join(tmpdir(), 'mg-features-'));
      dirs.push(dir);
      for (const [file, text] of Object.entries(project.files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      const ours = extractModels(readProjectPythonFiles(dir), { root: dir });
      assert.deepEqual(ours.notes, []);
      const db = await createTestDatabase('mg_features');
      try {
        const run = spawnSync(SYSTEM_PYTHON, ['-c', CREATE_ALL], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: db.sqlalchemyUrl, MG_METADATA: project.metadata, PYTHONDONTWRITEBYTECODE: '1' },
        });
        assert.equal(run.status, 0, run.stderr);
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
          const live = await introspectSchema(client);
          assert.deepEqual(Object.keys(live.tables).sort(), project.tables);
          assert.deepEqual(schemaToJson(ours.schema), schemaToJson(live));
          assert.deepEqual(names(ours.schema), names(live));
        } finally {
          await client.end();
        }
      } finally {
        await db.drop();
      }
    });
  }
});
