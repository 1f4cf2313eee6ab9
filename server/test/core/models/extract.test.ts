import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { camelToSnakeCase, extractModels, ModelIndex } from '../../../src/core/models';
import { schemaToJson } from '../../../src/core/schema/json';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';

const one = (text: string) => extractModels([{ path: '/p/models.py', text }], { root: '/p' });
const PLAIN =
  'import sqlalchemy as sa\nfrom sqlalchemy import Column, Integer as Int, String\nimport sqlalchemy\nfrom sqlalchemy.orm import declarative_base\nBase = declarative_base()\n';
const FLASK = 'from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n';

describe('models extractor', () => {
  before(async () => {
    await initPythonParser();
  });

  it('reads Column, sa.Column, sqlalchemy.Column and aliased names on a declarative_base()', () => {
    const result = one(`${PLAIN}
class Account(Base):
    __tablename__ = "accounts"
    id = Column(Int, primary_key=True)
    e_mail = sa.Column("email", String(120), nullable=False)
    note = sqlalchemy.Column(sqlalchemy.Text)
`);
    assert.deepEqual(result.notes, []);
    const table = result.schema.tables.accounts;
    assert.deepEqual(table?.columns, {
      id: { type: 'integer', nullable: false, default: "nextval('accounts_id_seq'::regclass)" },
      email: { type: 'character varying(120)', nullable: false, default: null },
      note: { type: 'text', nullable: true, default: null },
    });
    assert.equal(result.sources.tables.accounts?.columns.email?.attribute, 'e_mail');
    assert.equal(result.sources.tables.accounts?.className, 'Account');
  });

  it('keeps the source range of tables, columns and constraints', () => {
    const text = `${FLASK}\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String(120), unique=True)\n`;
    const result = one(text);
    const source = result.sources.tables.user;
    assert.ok(source);
    const line = (n: number) => text.split('\n')[n] ?? '';
    assert.match(line(source.location.range.start.line), /^class User/);
    const email = source.columns.email?.location.range;
    assert.ok(email);
    assert.equal(line(email.start.line).slice(email.start.character, email.end.character), '    email = db.Column(db.String(120), unique=True)'.trim());
    assert.deepEqual(Object.keys(source.constraints).sort(), ['user_email_key', 'user_pkey']);
    assert.equal(source.constraints.user_email_key?.range.start.line, email.start.line);
  });

  it('applies unique/index combinations, python defaults and autoincrement as SQLAlchemy does', () => {
    const result = one(`${FLASK}
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True, default=1)
    code = db.Column(db.String(10), unique=True, index=True)
    slug = db.Column(db.String(10), index=True)
    sku = db.Column(db.String(10), unique=True)

class Pair(db.Model):
    a = db.Column(db.Integer, primary_key=True)
    b = db.Column(db.Integer, primary_key=True, autoincrement=True)
`);
    const item = schemaToJson(result.schema).tables.item;
    assert.equal(item?.columns.id?.default, null, 'a Python default turns SERIAL off');
    assert.deepEqual(item?.uniques, [['sku']]);
    assert.deepEqual(item?.indexes, [
      { name: 'ix_item_code', columns: ['code'], unique: true },
      { name: 'ix_item_slug', columns: ['slug'], unique: false },
    ]);
    const pair = schemaToJson(result.schema).tables.pair;
    assert.deepEqual(pair?.primaryKey, ['b', 'a'], 'the autoincrement column leads the key, as SQLAlchemy emits it');
    assert.equal(pair?.columns.b?.default, "nextval('pair_b_seq'::regclass)");
  });

  it('derives nullability and types from Mapped annotations', () => {
    const result = one(`import datetime
from typing import Optional
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class Event(Base):
    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    subtitle: Mapped[Optional[str]]
    starts: Mapped[datetime.datetime | None]
    forced: Mapped[Optional[int]] = mapped_column(nullable=False)
`);
    assert.deepEqual(result.notes, []);
    const columns = result.schema.tables.event?.columns;
    assert.deepEqual(columns?.title, { type: 'character varying(50)', nullable: false, default: null });
    assert.deepEqual(columns?.subtitle, { type: 'character varying', nullable: true, default: null });
    assert.deepEqual(columns?.starts, { type: 'timestamp without time zone', nullable: true, default: null });
    assert.equal(columns?.forced?.nullable, false);
  });

  it('reports what it cannot resolve as notes with ranges, and keeps going', () => {
    const result = one(`${FLASK}from .types import Money
def make_name():
    return "x"

class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    total = db.Column(Money())
    owner_id = db.Column(db.Integer, db.ForeignKey("nowhere.id"))

class Computed(db.Model):
    __tablename__ = make_name()
    id = db.Column(db.Integer, primary_key=True)
`);
    const kinds = result.notes.map((n) => `${n.kind}@${n.location?.range.start.line}`).sort();
    assert.deepEqual(kinds, ['unresolved-name@12', 'unresolved-reference@9', 'unresolved-type@8']);
    assert.equal(result.schema.tables.invoice?.columns.total?.type.startsWith('?'), true);
    assert.equal(result.schema.tables.invoice?.foreignKeys[0]?.refTable, 'nowhere');
    assert.equal(result.schema.tables.computed, undefined);
  });

  it('resolves models across a package with relative imports and project enum classes', () => {
    const files = [
      { path: '/p/app/__init__.py', text: '' },
      { path: '/p/app/extensions.py', text: FLASK },
      { path: '/p/app/models/__init__.py', text: 'from .user import User\nfrom .status import Status\n' },
      { path: '/p/app/models/status.py', text: 'import enum\nclass Status(str, enum.Enum):\n    active = "active"\n    banned = "banned"\n' },
      {
        path: '/p/app/models/user.py',
        text: 'from ..extensions import db\nfrom .status import Status\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    status = db.Column(db.Enum(Status))\n',
      },
      {
        path: '/p/app/models/post.py',
        text: 'from app.extensions import db\nfrom app.models import User\nclass BlogPost(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    author_id = db.Column(db.ForeignKey(User.id))\n',
      },
    ];
    const result = extractModels(files, { root: '/p' });
    assert.deepEqual(result.notes, []);
    assert.deepEqual(result.schema.enums, { status: ['active', 'banned'] });
    assert.deepEqual(result.schema.tables.blog_post?.columns.author_id, { type: 'integer', nullable: true, default: null });
    assert.deepEqual(
      result.schema.tables.blog_post?.foreignKeys.map((f) => [f.name, f.refTable, f.refColumns]),
      [['blog_post_author_id_fkey', 'user', ['id']]],
    );
  });

  it('resolves imports when the project directory is itself the package', () => {
    const files = [
      { path: '/srv/app/__init__.py', text: FLASK },
      { path: '/srv/app/models.py', text: 'from . import db\nclass Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n' },
      { path: '/srv/app/more.py', text: 'from app import db\nclass Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n' },
    ];
    const result = extractModels(files, { root: '/srv/app' });
    assert.deepEqual(result.notes, []);
    assert.deepEqual(Object.keys(result.schema.tables).sort(), ['note', 'tag']);
  });

  it('keeps the schema current through edits, file by file', () => {
    const index = new ModelIndex({ root: '/p' });
    index.setFile('/p/enums.py', 'import enum\nclass Kind(enum.Enum):\n    a = 1\n    b = 2\n');
    const models = `${FLASK}from enums import Kind\nclass Thing(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(120))\n    kind = db.Column(db.Enum(Kind))\n`;
    index.setFile('/p/models.py', models);
    assert.equal(index.schema().schema.tables.thing?.columns.name?.type, 'character varying(120)');
    const at = models.indexOf('120');
    index.applyChange('/p/models.py', { start: at, end: at + 3, newText: '20' });
    assert.equal(index.schema().schema.tables.thing?.columns.name?.type, 'character varying(20)');
    index.applyChange('/p/models.py', { start: 0, end: 0, newText: '\n\n' });
    assert.equal(index.schema().sources.tables.thing?.columns.name?.location.range.start.line, 7);
    index.setFile('/p/enums.py', 'import enum\nclass Kind(enum.Enum):\n    a = 1\n    b = 2\n    c = 3\n');
    assert.deepEqual(index.schema().schema.enums.kind, ['a', 'b', 'c'], 'an edit in another file reaches the schema');
    index.setFile(
      '/p/typed.py',
      'from sqlalchemy import String\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\nclass Base(DeclarativeBase):\n    pass\nclass Label(Base):\n    __tablename__ = "label"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    text: Mapped[str] = mapped_column()\n',
    );
    assert.equal(index.schema().schema.tables.label?.columns.text?.type, 'character varying');
    const typed = index.text('/p/typed.py') as string;
    const pass = typed.indexOf('    pass');
    index.applyChange('/p/typed.py', { start: pass, end: pass + '    pass'.length, newText: '    type_annotation_map = {str: String(30)}' });
    assert.equal(
      index.schema().schema.tables.label?.columns.text?.type,
      'character varying(30)',
      'a type_annotation_map added to Base reaches unchanged columns',
    );
    index.removeFile('/p/typed.py');
    index.removeFile('/p/models.py');
    assert.deepEqual(index.schema().schema.tables, {});
    index.dispose();
  });

  it('names Flask-SQLAlchemy tables with its own camel_to_snake_case', (t) => {
    const names = ['User', 'BlogPost', 'HTTPRequest', 'OAuth2Token', 'ABCDef', 'Item2Tag', 'already_snake', 'URLs', 'MyHTTPServer', 'V2Thing', 'CSVExportJob'];
    const expected: Record<string, string> = { User: 'user', BlogPost: 'blog_post', HTTPRequest: 'http_request', ABCDef: 'abc_def', Item2Tag: 'item2_tag' };
    for (const [name, snake] of Object.entries(expected)) assert.equal(camelToSnakeCase(name), snake, name);
    if (missingOracle(t, pythonOracleProblem())) return;
    const run = spawnSync(
      SYSTEM_PYTHON,
      [
        '-c',
        `import json, sys\nfrom flask_sqlalchemy.model import camel_to_snake_case\nprint(json.dumps([camel_to_snake_case(n) for n in json.loads(sys.argv[1])]))`,
        JSON.stringify(names),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(names.map(camelToSnakeCase), JSON.parse(run.stdout));
  });

  it('uses a Flask-SQLAlchemy 3.1 model_class DeclarativeBase for its type map and naming convention', () => {
    const result = one(`import decimal
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, Numeric
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    metadata = MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})
    type_annotation_map = {decimal.Decimal: Numeric(8, 2)}

db = SQLAlchemy(model_class=Base)

class PriceTag(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    amount: Mapped[decimal.Decimal] = mapped_column(unique=True)
`);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(result.schema.tables.price_tag?.columns.amount, { type: 'numeric(8,2)', nullable: false, default: null });
    assert.deepEqual(result.schema.tables.price_tag?.uniques, [{ name: 'uq_price_tag_amount', columns: ['amount'] }]);
  });

  it('leaves out models bound to another database, with an info note', () => {
    const result = one(`${FLASK}
class Local(db.Model):
    id = db.Column(db.Integer, primary_key=True)

class Remote(db.Model):
    __bind_key__ = "analytics"
    id = db.Column(db.Integer, primary_key=True)
`);
    assert.deepEqual(Object.keys(result.schema.tables), ['local']);
    assert.deepEqual(
      result.notes.map((n) => [n.severity, n.kind, n.location?.range.start.line]),
      [['info', 'other-database', 6]],
    );
    const schemas = one(`${FLASK}
class Audit(db.Model):
    __table_args__ = {"schema": "audit"}
    id = db.Column(db.Integer, primary_key=True)

log = db.Table("log", db.Column("id", db.Integer), schema="audit")
`);
    // Tables in another schema are keyed "<schema>.<table>"; their implicit names are PostgreSQL's (bare table name).
    assert.deepEqual(Object.keys(schemas.schema.tables).sort(), ['audit.audit', 'audit.log']);
    assert.deepEqual(schemas.schema.tables['audit.audit']?.primaryKey, { name: 'audit_pkey', columns: ['id'] });
    assert.equal(schemas.schema.tables['audit.audit']?.columns.id?.default, "nextval('audit.audit_id_seq'::regclass)");
    assert.deepEqual(schemas.notes, []);
    const unreadable = one(`${FLASK}
SCHEMA = get_schema()
class Audit(db.Model):
    __table_args__ = {"schema": SCHEMA}
    id = db.Column(db.Integer, primary_key=True)

class Entry(db.Model):
    __table_args__ = {"schema": "public"}
    id = db.Column(db.Integer, primary_key=True)
    audit_id = db.Column(db.Integer, db.ForeignKey("audit.audit.id"))
`);
    assert.deepEqual(Object.keys(unreadable.schema.tables), ['entry']);
    assert.deepEqual(
      unreadable.schema.tables.entry?.foreignKeys.map((fk) => fk.refTable),
      ['audit.audit'],
    );
    assert.deepEqual(
      unreadable.notes.map((n) => [n.severity, n.kind, n.location?.range.start.line]),
      [
        ['info', 'other-schema', 5],
        ['warning', 'unresolved-reference', 11],
      ],
    );
  });

  it('evaluates declared_attr __tablename__ and module-level Index() calls', () => {
    const result = one(`${PLAIN}from sqlalchemy.orm import declared_attr
from sqlalchemy import Index

class NamedByClass:
    @declared_attr
    def __tablename__(cls):
        return cls.__name__.lower()

class Widget(NamedByClass, Base):
    id = Column(Int, primary_key=True)
    label = Column(String(20))

Index("ix_widget_label_custom", Widget.label, unique=True)
`);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(result.schema.tables.widget?.indexes, [{ name: 'ix_widget_label_custom', columns: ['label'], unique: true }]);
  });
});
