import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseRows, type DatabaseFacts } from '../src/model/databaseTree';

const base: DatabaseFacts = {
  state: 'connected',
  current: ['3f8a897020d0'],
  label: 'postgresql://app:***@localhost:5432/shop',
  source: '.env (DATABASE_URL)',
  dialect: 'PostgreSQL',
  error: null,
};
const messages = (id: string) => (id === '3f8a897020d0' ? 'tags and post views' : undefined);

test('connected: dialect and URL, source, state, revision with its message', () => {
  assert.deepEqual(
    databaseRows(base, messages).map((r) => [r.label, r.description ?? '']),
    [
      ['PostgreSQL', 'postgresql://app:***@localhost:5432/shop'],
      ['From .env (DATABASE_URL)', ''],
      ['Connected', ''],
      ['At 3f8a897020d0', 'tags and post views'],
    ],
  );
});

test('cannot connect says so with the reason, and shows no revision', () => {
  const rows = databaseRows({ ...base, state: 'cannot-connect', current: null, error: 'password authentication failed for user "app"' }, messages);
  assert.deepEqual(
    rows.map((r) => r.label),
    ['PostgreSQL', 'From .env (DATABASE_URL)', 'Cannot connect'],
  );
  assert.match(rows[2]?.description ?? '', /password authentication failed/);
});

test('not configured, unusable, empty and unknown revisions each read for what they are', () => {
  assert.equal(
    databaseRows({ ...base, state: 'not-configured', current: null, label: null, source: null, dialect: null }, messages)[0]?.label,
    'Not configured',
  );
  const sqlite = databaseRows(
    { ...base, state: 'unusable', current: null, label: null, dialect: 'SQLite', error: 'only PostgreSQL databases are supported' },
    messages,
  );
  assert.deepEqual(
    sqlite.map((r) => r.label),
    ['SQLite', 'From .env (DATABASE_URL)', 'Cannot be used'],
  );
  assert.equal(databaseRows({ ...base, current: [] }, messages).at(-1)?.label, 'At base');
  const unknown = databaseRows({ ...base, current: ['ffff0000aaaa'] }, messages).at(-1);
  assert.match(unknown?.description ?? '', /unknown to this project/);
  assert.equal(unknown?.contextValue, 'database.unknownRevision');
});
