// Workloads for the benchmarks, written to temporary folders: a Flask-Migrate app with N models
// (about 10 lines each), and linear Alembic chains of N revisions, both as a plain Alembic project
// (offline-capable env.py, for `alembic upgrade head --sql`) and as a Flask-Migrate project (for
// `flask db heads`). The chains come from the seeded generator the history oracle tests use.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlembicProject } from '../../server/test/core/history/support/alembicProject';
import { randomHistory } from '../../server/test/core/history/support/randomHistory';

const FIXTURE_MIGRATIONS = path.resolve(__dirname, '../../test-fixtures/classic/migrations');

const APP_PY = `import os

from flask import Flask
from flask_migrate import Migrate

from models import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
db.init_app(app)
migrate = Migrate(app, db)
`;

/** Flask-Migrate's migrations/ folder as `flask db init` writes it, with an empty versions/. */
function writeFlaskMigrations(dir: string): void {
  const target = path.join(dir, 'migrations');
  for (const file of ['alembic.ini', 'env.py', 'script.py.mako', 'README']) cpSync(path.join(FIXTURE_MIGRATIONS, file), path.join(target, file));
  mkdirSync(path.join(target, 'versions'), { recursive: true });
}

/** `models.py` with `count` models: strings, numbers, booleans, dates, a foreign key to the previous model (in chains of 10), an index, a unique. */
export function modelsSource(count: number): string {
  const lines = ['from datetime import datetime', '', 'from flask_sqlalchemy import SQLAlchemy', '', 'db = SQLAlchemy()', ''];
  for (let i = 0; i < count; i++) {
    lines.push(
      '',
      `class Thing${i}(db.Model):`,
      `    __tablename__ = "thing_${i}"`,
      '    id = db.Column(db.Integer, primary_key=True)',
      '    name = db.Column(db.String(120), nullable=False, unique=True)',
      '    slug = db.Column(db.String(80), index=True)',
      '    body = db.Column(db.Text)',
      '    price = db.Column(db.Numeric(10, 2), nullable=False, server_default="0")',
      '    active = db.Column(db.Boolean, nullable=False, server_default=db.true())',
      '    created_at = db.Column(db.DateTime, default=datetime.utcnow)',
      // Foreign keys in chains of 10: one chain of 200 makes SQLAlchemy's table sort recurse too deep in `flask db migrate`.
      i % 10 > 0 ? `    parent_id = db.Column(db.Integer, db.ForeignKey("thing_${i - 1}.id"))` : '    parent_id = db.Column(db.Integer)',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A Flask-Migrate app with `count` models and no revision yet. */
export function writeModelsApp(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), `mg-bench-app${count}-`));
  writeFileSync(path.join(dir, 'app.py'), APP_PY);
  writeFileSync(path.join(dir, 'models.py'), modelsSource(count));
  writeFlaskMigrations(dir);
  return dir;
}

const OFFLINE_ENV_PY = `from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config

if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=None, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
`;

export interface Chain {
  /** A plain Alembic project (alembic.ini at the root, migrations/ with an offline-capable env.py). */
  alembicDir: string;
  /** The same revisions in a Flask-Migrate project (app.py, migrations/ from `flask db init`). */
  flaskDir: string;
  revisions: number;
}

/** A linear chain of `length` revisions (seeded: the same chain every run). */
export function writeChain(length: number, seed = 7): Chain {
  const { revisions } = randomHistory(seed, length);
  const alembic = new AlembicProject('postgresql+psycopg2://localhost/bench_offline');
  writeFileSync(path.join(alembic.dir, 'migrations', 'env.py'), OFFLINE_ENV_PY);
  const files = alembic.writeRevisions(revisions);
  const flaskDir = mkdtempSync(path.join(tmpdir(), `mg-bench-chain${length}-flask-`));
  writeFileSync(path.join(flaskDir, 'app.py'), APP_PY);
  writeFileSync(path.join(flaskDir, 'models.py'), 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n');
  writeFlaskMigrations(flaskDir);
  for (const file of files) cpSync(file, path.join(flaskDir, 'migrations', 'versions', path.basename(file)));
  return { alembicDir: alembic.dir, flaskDir, revisions: length };
}
