// check --format markdown with a database: the PR comment's "Rows at risk" column holds the counts
// the rule records ask for, on a real PostgreSQL database migrated by `upgrade` (golden file).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkCommand } from '../../src/cli/commands/check';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { golden, riskyModels } from '../cli/support';
import { runVerb } from './cliRun';
import { openTarget, requireTarget, withClient, type Target } from './targets';

const CLASSIC = path.resolve(__dirname, '../../../test-fixtures/classic');

describe('check --format markdown with row counts on postgres', () => {
  let target: Target | null = null;
  let dir = '';
  before(async () => {
    target = await openTarget('postgres');
    dir = mkdtempSync(path.join(tmpdir(), 'mg-ci-rows-'));
    cpSync(CLASSIC, dir, { recursive: true, filter: (s) => !s.includes('__pycache__') });
  });
  after(async () => {
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('rows at risk per finding', async (t) => {
    const db = await requireTarget(t, target);
    if (!db) return;
    await db.reset();
    const upgraded = await runVerb(upgradeCommand, [dir, '--database-url', db.url, '--executor', 'native']);
    assert.equal(upgraded.code, 0, upgraded.err);
    await withClient(db, (c) =>
      c.query(`
      insert into "user" (username, email) values ('ana', 'ana@example.org'), ('luis', 'luis@example.org');
      insert into post (title, body, author_id) select 'post ' || n, case when n % 3 = 0 then null else repeat('x', n) end, 1 from generate_series(1, 7) n;
      update post set title = repeat('long title ', 8) where id = 2`),
    );
    writeFileSync(path.join(dir, 'models.py'), riskyModels(readFileSync(path.join(CLASSIC, 'models.py'), 'utf8')));
    const run = await runVerb(checkCommand, [dir, '--format', 'markdown', '--database-url', db.url]);
    assert.equal(run.code, 1, run.err);
    // A table's size on disk is PostgreSQL's business (page layout, version): the golden file keeps the words.
    const stable = run.out.replace(/(\d+ rows, )\d[\d,.]* (bytes|kB|MB)/g, '$1<size>');
    assert.equal(stable, golden('check.rows.md', stable));
    assert.match(run.out, /\(7 rows, \d+ kB in the dev database\)/);
    // 7 posts, 5 with a body; 1 title longer than 50; 2 users must take the NOT NULL column.
    assert.match(run.out, /\| DS103 \|[^\n]*\| 5 of 7 \|/);
    assert.match(run.out, /\| MF105 \|[^\n]*\| 1 of 7 \|/);
    assert.match(run.out, /\| MF103 \|[^\n]*\| 2 \|/);
  });
});
