// Dialect detection: the project's database found where Flask and Alembic read it.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { dialectOfUrl, resolveDatabaseTarget, sqliteFileOf } from '../../../src/core/project/database';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-dialect-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const MEGA_TUTORIAL = [
  'import os',
  'basedir = os.path.abspath(os.path.dirname(__file__))',
  '',
  '',
  'class Config:',
  "    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'",
  "    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL') or \\",
  "        'sqlite:///' + os.path.join(basedir, 'app.db')",
  '',
].join('\n');

test('dialects by URL scheme, drivers included', () => {
  assert.equal(dialectOfUrl('postgresql+psycopg2://h/db'), 'postgresql');
  assert.equal(dialectOfUrl('postgres://h/db'), 'postgresql');
  assert.equal(dialectOfUrl('sqlite+pysqlite:///app.db'), 'sqlite');
  assert.equal(dialectOfUrl('mysql+pymysql://root@h/db'), 'mysql');
  assert.equal(dialectOfUrl('mariadb://h/db'), 'mysql');
  assert.equal(dialectOfUrl('mssql+pyodbc://h/db'), 'other');
});

test("config.py of the Flask Mega-Tutorial: os.environ.get('DATABASE_URL') or 'sqlite:///' + os.path.join(basedir, 'app.db')", () => {
  const dir = project({ 'config.py': MEGA_TUTORIAL, 'app/__init__.py': 'from config import Config\n' });
  const sqlite = resolveDatabaseTarget(dir, { env: {} });
  assert.ok(sqlite.ok);
  assert.equal(sqlite.target.dialect, 'sqlite');
  assert.equal(sqlite.target.sqlitePath, join(dir, 'app.db'));
  assert.equal(sqlite.target.source, 'config.py:7 (SQLALCHEMY_DATABASE_URI)');
  // DATABASE_URL from .env is what `flask` loads before importing config.py.
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgresql://u:secret@h/prod\n');
  const pg = resolveDatabaseTarget(dir, { env: {} });
  assert.ok(pg.ok);
  assert.equal(pg.target.dialect, 'postgresql');
  assert.equal(pg.target.source, 'config.py:7 (SQLALCHEMY_DATABASE_URI, from DATABASE_URL)');
  // The editor setting wins over everything.
  const explicit = resolveDatabaseTarget(dir, { env: {}, explicit: 'sqlite:////tmp/x.db' });
  assert.ok(explicit.ok && explicit.target.sqlitePath === '/tmp/x.db');
});

test("app.config['SQLALCHEMY_DATABASE_URI'] in app.py; relative paths go to Flask-SQLAlchemy 3's instance folder unless the file is in the app folder", () => {
  const dir = project({ 'app.py': "from flask import Flask\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///site.db'\n" });
  const fresh = resolveDatabaseTarget(dir, { env: {} });
  assert.ok(fresh.ok && fresh.target.sqlitePath === join(dir, 'instance', 'site.db'));
  writeFileSync(join(dir, 'site.db'), '');
  const existing = resolveDatabaseTarget(dir, { env: {} });
  assert.ok(existing.ok && existing.target.sqlitePath === join(dir, 'site.db'));
  assert.equal(existing.ok && existing.target.source, 'app.py:3 (SQLALCHEMY_DATABASE_URI)');
});

test('f-strings, os.getenv defaults and test configurations', () => {
  const dir = project({
    'config.py': [
      'import os',
      'BASE = os.path.dirname(os.path.abspath(__file__))',
      'class TestConfig:',
      "    SQLALCHEMY_DATABASE_URI = 'sqlite://'",
      'class DevConfig:',
      '    SQLALCHEMY_DATABASE_URI = os.getenv("DEV_DB", f"sqlite:///{os.path.join(BASE, \'dev.sqlite\')}")',
    ].join('\n'),
  });
  const result = resolveDatabaseTarget(dir, { env: {} });
  assert.ok(result.ok);
  assert.equal(result.target.sqlitePath, join(dir, 'dev.sqlite'));
  assert.equal(result.target.source, 'config.py:6 (SQLALCHEMY_DATABASE_URI)');
});

test('an in-memory SQLite app (sqlite://) counts as no database, and says so; unreadable config falls through', () => {
  const memory = project({ 'app.py': 'import os\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")\n' });
  const none = resolveDatabaseTarget(memory, { env: {} });
  assert.ok(!none.ok && none.reason === 'none');
  assert.match(!none.ok && none.reason === 'none' ? (none.inMemory ?? '') : '', /app\.py:2 .*in-memory SQLite/);
  const withEnv = resolveDatabaseTarget(memory, { env: { DATABASE_URL: 'postgres://h/db' } });
  assert.ok(withEnv.ok && withEnv.target.url === 'postgresql://h/db');
  const odd = project({ 'config.py': 'SQLALCHEMY_DATABASE_URI = build_url(secrets())\n', '.env': 'DATABASE_URL=sqlite:///data.db\n' });
  const fell = resolveDatabaseTarget(odd, { env: {} });
  assert.ok(fell.ok && fell.target.sqlitePath === join(odd, 'instance', 'data.db') && fell.target.source === '.env (DATABASE_URL)');
});

test('alembic.ini paths are relative to where alembic runs; MySQL and others are refused naming the Alembic fallback, never the password', () => {
  const ini = project({ 'alembic.ini': '[alembic]\nsqlalchemy.url = sqlite:///db/app.db\n' });
  const sqlite = resolveDatabaseTarget(ini, { env: {} });
  assert.ok(sqlite.ok && sqlite.target.sqlitePath === join(ini, 'db', 'app.db'));
  const mysql = resolveDatabaseTarget(ini, { env: { DATABASE_URL: 'mysql+pymysql://root:hunter2@h/shop' } });
  assert.ok(!mysql.ok && mysql.reason === 'unsupported');
  assert.match(mysql.message, /MySQL\/MariaDB .*not support yet.*flask db upgrade/);
  assert.ok(!mysql.message.includes('hunter2'));
  const mssql = resolveDatabaseTarget(ini, { explicit: 'mssql+pyodbc://h/db' });
  assert.ok(!mssql.ok && /"mssql\+pyodbc" database/.test(mssql.message));
});

test('sqlite URL forms', () => {
  assert.equal(sqliteFileOf('sqlite://', '/p', 'flask'), null);
  assert.equal(sqliteFileOf('sqlite:///:memory:', '/p', 'flask'), null);
  assert.equal(sqliteFileOf('sqlite:////abs/app.db', '/p', 'flask'), '/abs/app.db');
  assert.equal(sqliteFileOf('sqlite:///rel/app.db', '/p', 'cwd'), '/p/rel/app.db');
  assert.equal(sqliteFileOf('sqlite:///app.db?timeout=5', '/p', 'cwd'), '/p/app.db');
});
