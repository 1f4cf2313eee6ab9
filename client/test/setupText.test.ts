import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupMarkdown, type SetupProject } from '../src/model/setupText';

const project: SetupProject = {
  name: 'shop',
  root: '/home/ana/shop',
  foundBy: ['migrations/env.py'],
  versionDirs: ['migrations/versions'],
  modelFiles: 2,
  heads: ['3f8a897020d0'],
  revisions: 3,
  problems: [],
  database: {
    state: 'connected',
    dialect: 'PostgreSQL',
    label: 'postgresql://app:***@localhost/shop',
    source: '.env (DATABASE_URL)',
    error: null,
    current: ['3f8a897020d0'],
    unknown: [],
  },
};

test('the page names the project, the database, where its URL comes from and its state', () => {
  const text = setupMarkdown([project]);
  assert.match(text, /## shop/);
  assert.match(text, /\*\*Project:\*\* `\/home\/ana\/shop` — found by `migrations\/env\.py`/);
  assert.match(text, /\*\*Migrations:\*\* `migrations\/versions` — 3 revisions, head `3f8a897020d0`/);
  assert.match(text, /\*\*Database:\*\* PostgreSQL at `postgresql:\/\/app:\*\*\*@localhost\/shop`/);
  assert.match(text, /\*\*URL from:\*\* \.env \(DATABASE_URL\)/);
  assert.match(text, /\*\*State:\*\* connected/);
  assert.doesNotMatch(text, /s3cr3t/);
});

test('cannot connect gives the reason; nothing configured says where it looked; no project says what it looks for', () => {
  const refused = setupMarkdown([
    { ...project, database: { ...project.database, state: 'cannot-connect', current: null, error: 'password authentication failed for user "app"' } },
  ]);
  assert.match(refused, /\*\*State:\*\* cannot connect — password authentication failed/);
  assert.doesNotMatch(refused, /Revision:/);
  const none = setupMarkdown([
    { ...project, database: { state: 'not-configured', dialect: null, label: null, source: null, error: null, current: null, unknown: [] } },
  ]);
  assert.match(none, /not configured — no URL in the secret storage/);
  assert.match(setupMarkdown([]), /alembic\.ini/);
});
