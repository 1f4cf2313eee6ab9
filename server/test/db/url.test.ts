import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { alembicIniUrl, describeUrl, normalizeDatabaseUrl, parseDotenv, resolveDatabaseUrl } from '../../src/db/url';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-url-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('SQLAlchemy and Heroku-style URLs become postgresql:// URLs; other dialects are refused', () => {
  assert.deepEqual(normalizeDatabaseUrl('postgres://u:p@h:5433/db'), { ok: true, url: 'postgresql://u:p@h:5433/db' });
  assert.deepEqual(normalizeDatabaseUrl('postgresql+psycopg2://u:p@h/db'), { ok: true, url: 'postgresql://u:p@h/db' });
  assert.deepEqual(normalizeDatabaseUrl('postgresql+psycopg://u@h/db?sslmode=require'), { ok: true, url: 'postgresql://u@h/db?sslmode=require' });
  assert.deepEqual(normalizeDatabaseUrl(' postgresql://h/db '), { ok: true, url: 'postgresql://h/db' });
  const sqlite = normalizeDatabaseUrl('sqlite:///app.db');
  assert.equal(sqlite.ok, false);
  assert.match(!sqlite.ok ? sqlite.message : '', /only PostgreSQL databases are supported, not "sqlite"/);
  const mysql = normalizeDatabaseUrl('mysql://root:hunter2@h/db');
  assert.ok(!mysql.ok && !mysql.message.includes('hunter2'));
});

test('the explicit setting wins, then the environment, then .env, then .flaskenv, then alembic.ini', () => {
  const dir = project({
    '.env': 'DATABASE_URL=postgres://env:e@h1/fromdotenv\n',
    '.flaskenv': 'SQLALCHEMY_DATABASE_URI=postgresql://h2/fromflaskenv\n',
    'migrations/alembic.ini': '[alembic]\nsqlalchemy.url = postgresql+psycopg2://h3/fromini\n',
  });
  assert.deepEqual(resolveDatabaseUrl(dir, { explicit: 'postgres://s/fromsetting', env: { DATABASE_URL: 'postgresql://x/fromenv' } }), {
    ok: true,
    value: { url: 'postgresql://s/fromsetting', source: 'the migrationGuard.databaseUrl setting', dialect: 'postgresql' },
  });
  assert.deepEqual(resolveDatabaseUrl(dir, { env: { SQLALCHEMY_DATABASE_URI: 'postgresql+psycopg2://x/fromenv' } }), {
    ok: true,
    value: { url: 'postgresql://x/fromenv', source: 'the environment (SQLALCHEMY_DATABASE_URI)', dialect: 'postgresql' },
  });
  assert.deepEqual(resolveDatabaseUrl(dir, { env: {} }), {
    ok: true,
    value: { url: 'postgresql://env:e@h1/fromdotenv', source: '.env (DATABASE_URL)', dialect: 'postgresql' },
  });
  rmSync(join(dir, '.env'));
  assert.deepEqual(resolveDatabaseUrl(dir, { env: {} }), {
    ok: true,
    value: { url: 'postgresql://h2/fromflaskenv', source: '.flaskenv (SQLALCHEMY_DATABASE_URI)', dialect: 'postgresql' },
  });
  rmSync(join(dir, '.flaskenv'));
  assert.deepEqual(resolveDatabaseUrl(dir, { env: {} }), {
    ok: true,
    value: { url: 'postgresql://h3/fromini', source: join('migrations', 'alembic.ini') + ' (sqlalchemy.url)', dialect: 'postgresql' },
  });
  rmSync(join(dir, 'migrations'), { recursive: true });
  const none = resolveDatabaseUrl(dir, { env: {} });
  assert.equal(none.ok, false);
  assert.match(!none.ok ? none.message : '', /no database URL: set migrationGuard.databaseUrl/);
});

test('.env parsing handles export, quotes, comments and ${VAR} references', () => {
  const values = parseDotenv(
    ['# comment', 'export A=1', 'B="two words" # trailing', "C='${A} literal'", 'D=${A}/x', 'E=plain # note', 'USER_PW=s3cr"t'].join('\n'),
    { HOME: '/h' },
  );
  assert.equal(values.get('A'), '1');
  assert.equal(values.get('B'), 'two words');
  assert.equal(values.get('C'), '${A} literal');
  assert.equal(values.get('D'), '1/x');
  assert.equal(values.get('E'), 'plain');
});

test("alembic.ini's placeholder URL and empty values are ignored; %% and %(here)s are expanded", () => {
  assert.equal(alembicIniUrl('[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n', '/p/alembic.ini'), null);
  assert.equal(alembicIniUrl('[alembic]\nsqlalchemy.url =\n', '/p/alembic.ini'), null);
  assert.equal(alembicIniUrl('[other]\nsqlalchemy.url = postgresql://h/a\n', '/p/alembic.ini'), null);
  assert.equal(alembicIniUrl('[alembic]\nsqlalchemy.url = postgresql://u:p%%40ss@h/%(here)s\n', '/p/alembic.ini'), 'postgresql://u:p%40ss@h//p');
});

test('describeUrl names user, host, port and database, never the password', () => {
  assert.equal(describeUrl('postgresql://app:hunter2@db.example:6543/shop'), 'app@db.example:6543/shop');
  assert.equal(describeUrl('postgresql://db.example/shop'), 'db.example:5432/shop');
});
