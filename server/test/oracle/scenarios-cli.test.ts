// The check / revision / sql verbs through the bundled CLI (dist/cli.js), on copies of the classic
// fixture: exit codes of the contract, the findings JSON, refusals, and ignore comments.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Finding } from '../../src/core/findings';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase } from '../support/pgdb';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function classicCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-cli-'));
  cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${from} not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

const BODY = '    body = db.Column(db.Text)\n';

describe('CLI check / revision / sql', () => {
  it('check exits 0 in sync, 1 with pending changes (JSON findings relative to DIR), 2 without a project', () => {
    const dir = classicCopy();
    const inSync = cli('check', dir);
    assert.equal(inSync.code, 0, inSync.err);
    assert.match(inSync.out, /in sync/);
    edit(path.join(dir, 'models.py'), BODY, '');
    const pending = cli('check', dir, '--format', 'json');
    assert.equal(pending.code, 1, pending.err);
    const findings = JSON.parse(pending.out) as Finding[];
    const ds = findings.find((f) => f.code === 'DS103');
    assert.ok(ds, pending.out);
    assert.deepEqual([ds.file, ds.table, ds.column, ds.severity, ds.destructive], ['models.py', 'post', 'body', 'warning', true]);
    assert.equal(typeof ds.range.start.line, 'number');
    assert.match(ds.message, /Dropping `post\.body` destroys data/);
    const text = cli('check', dir);
    assert.equal(text.code, 1);
    assert.match(text.out, /^models\.py:\d+:\d+: warning DS103 /m);
    edit(path.join(dir, 'models.py'), 'class Tag(db.Model):', 'class Tag(db.Model:');
    const broken = cli('check', dir);
    assert.equal(broken.code, 2, 'a model file that does not parse is an error, not a dropped table');
    assert.match(broken.err, /models\.py:\d+: warning: syntax error/);
    assert.equal(cli('revision', dir, '-m', 'x', '--autogenerate').code, 2);
    const none = cli('check', mkdtempSync(path.join(tmpdir(), 'mg-empty-')));
    assert.equal(none.code, 2);
    assert.match(none.err, /no Flask-Migrate \/ Alembic project/);
  });

  it('honours "# migration-guard: ignore DS103" above the line a finding points at', () => {
    const dir = classicCopy();
    edit(path.join(dir, 'models.py'), BODY, '');
    edit(path.join(dir, 'models.py'), 'class Post(db.Model):', '# migration-guard: ignore DS103\nclass Post(db.Model):');
    const result = cli('check', dir, '--format', 'json');
    assert.equal(result.code, 1, 'the change is still pending');
    assert.deepEqual(
      (JSON.parse(result.out) as Finding[]).map((f) => f.code).filter((c) => c !== 'MG001'),
      [],
    );
  });

  it('revision writes the file under versions/ and prints its path; sql shows its statements', () => {
    const dir = classicCopy();
    edit(path.join(dir, 'models.py'), '    body = db.Column(db.Text)\n', '    content = db.Column(db.Text)\n');
    const versions = path.join(dir, 'migrations', 'versions');
    const before = new Set(readdirSync(versions));
    const written = cli('revision', dir, '-m', 'Rename body', '--autogenerate', '--rename', 'post.body=content');
    assert.equal(written.code, 0, written.err);
    const file = written.out.trim();
    assert.equal(path.dirname(file), versions);
    assert.match(path.basename(file), /^[0-9a-f]{12}_rename_body\.py$/);
    assert.deepEqual(
      readdirSync(versions).filter((f) => !before.has(f)),
      [path.basename(file)],
    );
    assert.match(readFileSync(file, 'utf8'), /new_column_name='content'/);
    assert.equal(cli('check', dir).code, 0, 'in sync once the revision exists');
    const revision = path.basename(file).slice(0, 12);
    const sql = cli('sql', dir, `3f8a897020d0:${revision}`);
    assert.equal(sql.code, 0, sql.err);
    assert.match(
      sql.out,
      /^BEGIN;\n\n-- Running upgrade 3f8a897020d0 -> [0-9a-f]{12}\n\nALTER TABLE "post"\s+RENAME COLUMN "body" TO "content";\n\nUPDATE alembic_version SET version_num='[0-9a-f]{12}' WHERE alembic_version\.version_num = '3f8a897020d0';\n\nCOMMIT;\n$/,
    );
    const json = JSON.parse(cli('sql', dir, `3f8a897020d0:${revision}`, '--format', 'json').out) as {
      steps: { revision: string; direction: string; statements: string[] }[];
    };
    assert.deepEqual(
      json.steps.map((s) => [s.revision, s.direction, s.statements[0]]),
      [[revision, 'up', 'ALTER TABLE "post" RENAME COLUMN "body" TO "content"']],
    );
    const down = cli('sql', dir, `${revision}:3f8a897020d0`);
    assert.match(down.out, /RENAME COLUMN "content" TO "body"/);
  });

  it('revision renames an unambiguous pair by default, opts out with --no-rename, rejects a bad --rename / --no-rename, and refuses several heads', () => {
    const dir = classicCopy();
    edit(path.join(dir, 'models.py'), '    body = db.Column(db.Text)\n', '    content = db.Column(db.Text)\n');
    const bad = cli('revision', dir, '-m', 'x', '--autogenerate', '--rename', 'post.nope=content');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /cannot rename column "post\.nope"/);
    const typo = cli('revision', dir, '-m', 'x', '--autogenerate', '--no-rename', 'post.bdy=content');
    assert.equal(typo.code, 2, 'a --no-rename that matches nothing is an error, not a silent rename');
    assert.match(typo.err, /--no-rename post\.bdy=content: no such rename is assumed \(assumed: post\.body → post\.content\)/);
    const hint = cli('check', dir, '--format', 'json');
    assert.deepEqual((JSON.parse(hint.out) as Finding[]).map((f) => f.code).sort(), ['BC102', 'MG001']);
    assert.match(cli('check', dir).out, /^ {4}`revision` writes it as a rename \(the default\); to drop and add instead: --no-rename post\.body=content$/m);
    const guessed = cli('revision', dir, '-m', 'x', '--autogenerate', '--format', 'json');
    assert.equal(guessed.code, 0, guessed.err);
    const written = JSON.parse(guessed.out) as { path: string; revision: string; downRevision: string; changes: number };
    assert.deepEqual([written.downRevision, written.changes, path.basename(written.path)], ['3f8a897020d0', 1, `${written.revision}_x.py`]);
    assert.match(guessed.err, /note: assumed rename post\.body → post\.content .*--no-rename post\.body=content/);
    const text = readFileSync(written.path, 'utf8');
    assert.match(text, /(op\.alter_column\('post', |batch_op\.alter_column\()'body',[\s\S]*?new_column_name='content'\)/);
    assert.doesNotMatch(text, /drop_column/);
    const fresh = classicCopy();
    edit(path.join(fresh, 'models.py'), '    body = db.Column(db.Text)\n', '    content = db.Column(db.Text)\n');
    const declined = cli('revision', fresh, '-m', 'x', '--autogenerate', '--no-rename', 'post.body=content', '--format', 'json');
    assert.equal(declined.code, 0, declined.err);
    const dropped = readFileSync((JSON.parse(declined.out) as { path: string }).path, 'utf8');
    assert.match(dropped, /(op\.drop_column\('post', |batch_op\.drop_column\()'body'\)/);
    assert.match(dropped, /DESTROYS OR REWRITES DATA/);
    rmSync((JSON.parse(declined.out) as { path: string }).path);
    const none = cli('revision', fresh, '-m', 'x', '--autogenerate', '--no-renames', '--format', 'json');
    assert.match(readFileSync((JSON.parse(none.out) as { path: string }).path, 'utf8'), /(op\.drop_column\('post', |batch_op\.drop_column\()'body'\)/);
    rmSync((JSON.parse(none.out) as { path: string }).path);
    const versions = path.join(dir, 'migrations', 'versions');
    writeFileSync(
      path.join(versions, 'aaaaaaaaaaaa_side.py'),
      `"""side\n\nRevision ID: aaaaaaaaaaaa\nRevises: 3f8a897020d0\n"""\nrevision = 'aaaaaaaaaaaa'\ndown_revision = '3f8a897020d0'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`,
    );
    const count = readdirSync(versions).length;
    const refused = cli('revision', dir, '-m', 'y', '--autogenerate');
    assert.equal(refused.code, 2);
    assert.match(refused.err, /several heads.*merge/i);
    assert.equal(readdirSync(versions).length, count, 'nothing written');
    // check still answers (issue 11, Deliver 1): compared with every head applied, MG004 at each head, exit 1.
    const forked = cli('check', dir, '--format', 'json');
    assert.equal(forked.code, 1);
    assert.ok((JSON.parse(forked.out) as Finding[]).some((f) => f.code === 'MG004' && f.severity === 'error'));
  });

  it('check --database-url puts row counts in the messages of destructive findings', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const dir = classicCopy();
    const db = await createTestDatabase('mg_cli_counts');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const sql = cli('sql', dir, 'head');
      assert.equal(sql.code, 0, sql.err);
      await client.query(sql.out);
      await client.query(`INSERT INTO "user" (username, email) VALUES ('ann', 'a@x')`);
      await client.query(`INSERT INTO post (title, body, author_id) VALUES ('a', 'one', 1), ('b', 'two', 1), ('c', NULL, 1)`);
      edit(path.join(dir, 'models.py'), BODY, '');
      const result = cli('check', dir, '--format', 'json', '--database-url', db.url);
      assert.equal(result.code, 1, result.err);
      const ds = (JSON.parse(result.out) as Finding[]).find((f) => f.code === 'DS103');
      assert.match(ds?.message ?? '', /^Dropping `post\.body` destroys data \(2 non-null values in the dev database\)/);
      // MF101 counts duplicate groups, PG101 the table's size and estimate, MF105 the values that would change.
      await client.query(`INSERT INTO post (title, body, author_id) VALUES ('a', 'again', 1)`);
      edit(
        path.join(dir, 'models.py'),
        '    title = db.Column(db.String(200), nullable=False)',
        '    title = db.Column(db.String(200), nullable=False, unique=True, index=True)',
      );
      const more = JSON.parse(cli('check', dir, '--format', 'json', '--database-url', db.url).out) as Finding[];
      assert.deepEqual(more.find((f) => f.code === 'MF101')?.rows, { total: 4, atRisk: 1 }, 'one group of duplicate titles');
      const pg = more.find((f) => f.code === 'PG101');
      assert.equal(pg?.rows?.total, 4);
      assert.ok((pg?.rows?.bytes ?? 0) > 0, 'the table size is read');
      // The messages say the counts, in the text output and in Spanish too.
      assert.match(more.find((f) => f.code === 'MF101')?.message ?? '', /fails: the dev database has 1 group of duplicate values there\.$/);
      assert.match(pg?.message ?? '', /on existing table `post` \(4 rows, \d+ kB in the dev database\) blocks writes/);
      const text = cli('check', dir, '--database-url', db.url).out;
      assert.match(text, /MF101 Adding a unique constraint on `post\.title` fails: the dev database has 1 group of duplicate values there\./);
      assert.match(text, /PG101 Creating index `ix_post_title` on existing table `post` \(4 rows, \d+ kB in the dev database\)/);
      const spanish = cli('check', dir, '--lang', 'es', '--database-url', db.url).out;
      assert.match(spanish, /MF101 .*la base de datos de desarrollo tiene 1 grupo de valores duplicados ahí\./);
      assert.match(spanish, /PG101 .*\(4 filas, \d+ kB en la base de datos de desarrollo\)/);
      // Analyzed, the size is PostgreSQL's estimate and says so.
      await client.query('ANALYZE post');
      const estimated = (JSON.parse(cli('check', dir, '--format', 'json', '--database-url', db.url).out) as Finding[]).find((f) => f.code === 'PG101');
      assert.equal(estimated?.rows?.estimated, true);
      assert.match(estimated?.message ?? '', /\(~4 rows, \d+ kB in the dev database\)/);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
