// Issue 13's downgrade acceptance: drop a NOT NULL column holding 1,000 rows with `revision --autogenerate`,
// upgrade, then downgrade. Under our `downgrade` the column comes back NOT NULL with every one of its
// 1,000 values (compared one by one), on PostgreSQL and PGlite, and the output says how many came back.
// Under real `flask db downgrade` the same file runs without error and the column comes back nullable.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Client } from 'pg';
import type { ExecutionResult } from '../../src/db/executor';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase } from '../support/pgdb';
import { openTarget, TARGET_KINDS } from './targets';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BASE = '3f8a897020d0';
const TITLE = '    title = db.Column(db.String(200), nullable=False)\n';
const ROWS = 1000;

function cliSync(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Async: PGlite answers from this process's event loop, which spawnSync would block. */
function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** classic with post.title dropped from the models and the revision that drops it written by us. */
function projectDroppingTitle(): { dir: string; revisionText: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-down-restore-'));
  cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
  const models = path.join(dir, 'models.py');
  const text = readFileSync(models, 'utf8');
  assert.ok(text.includes(TITLE));
  writeFileSync(models, text.replace(TITLE, ''));
  const written = cliSync('revision', dir, '-m', 'drop post title', '--autogenerate', '--no-input', '--format', 'json');
  assert.equal(written.code, 0, written.err);
  return { dir, revisionText: readFileSync((JSON.parse(written.out) as { path: string }).path, 'utf8') };
}

/** 1,000 posts whose titles hold quotes, a backslash and unicode, each one different. */
async function seed(client: Client): Promise<void> {
  await client.query(`INSERT INTO "user" (username, email) VALUES ('ann', 'a@x')`);
  await client.query(
    `INSERT INTO post (title, author_id) SELECT 'post ' || i || ' O''Brien \\ ñandú "' || md5(i::text), 1 FROM generate_series(1, ${ROWS}) AS i`,
  );
}

async function titles(client: Client): Promise<[number, string | null][]> {
  const result = await client.query<{ id: number; title: string | null }>('SELECT id, title FROM post ORDER BY id');
  return result.rows.map((r) => [r.id, r.title]);
}

async function titleNullable(client: Client): Promise<string | undefined> {
  const result = await client.query<{ is_nullable: string }>(
    `SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'post' AND column_name = 'title'`,
  );
  return result.rows[0]?.is_nullable;
}

describe('downgrade restores a dropped NOT NULL column from its backup', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('the revision adds the column back nullable, with a comment saying why', () => {
    const { dir, revisionText } = projectDroppingTitle();
    dirs.push(dir);
    const downgrade = revisionText.slice(revisionText.indexOf('def downgrade():'));
    assert.match(downgrade, /add_column\((?:'post', )?sa\.Column\('title', sa\.(String|VARCHAR)\(length=200\), (autoincrement=False, )?nullable=True\)\)/);
    assert.match(downgrade, /# Migration Guard: post\.title comes back NULLABLE: upgrade\(\) dropped the values/);
    assert.match(
      downgrade,
      /`migration-guard downgrade` restores the values from\n\s*# the newest backup in migration_guard_backup in the same transaction, then sets NOT NULL again/,
    );
    assert.match(downgrade, /Plain\n\s*# `flask db downgrade` has no backup: the column stays nullable and empty/);
  });

  for (const kind of TARGET_KINDS) {
    it(`our downgrade brings back all ${ROWS} values and NOT NULL (${kind})`, async (t) => {
      const target = await openTarget(kind);
      if (!target) return t.skip('PostgreSQL is not available');
      const { dir } = projectDroppingTitle();
      dirs.push(dir);
      try {
        assert.equal((await cli('upgrade', dir, BASE, '--database-url', target.url)).code, 0);
        let client = await target.connect();
        let before: [number, string | null][];
        try {
          await seed(client);
          before = await titles(client);
          assert.equal(before.length, ROWS);
        } finally {
          await client.end();
        }
        const up = await cli('upgrade', dir, '--database-url', target.url);
        assert.equal(up.code, 0, up.err);
        assert.match(up.err, /Backed up 1,000 rows of column title of "post"/);

        const down = await cli('downgrade', dir, BASE, '--database-url', target.url, '--format', 'json');
        assert.equal(down.code, 0, down.err + down.out);
        const result = JSON.parse(down.out) as ExecutionResult;
        assert.equal(result.status, 'applied');
        assert.deepEqual(
          result.steps[0]?.restored?.map((r) => [r.table, r.column, r.rows, r.notNull]),
          [['post', 'title', ROWS, true]],
        );
        client = await target.connect();
        try {
          assert.equal(await titleNullable(client), 'NO', 'NOT NULL again');
          const back = await titles(client);
          assert.equal(back.length, ROWS);
          for (const [i, row] of before.entries()) assert.deepEqual(back[i], row, `post ${row[0]}`);
          // Up and down again: the newest backup is the one restored, and the text output counts it.
          await client.query(`UPDATE post SET title = title || ' (edited)' WHERE id <= 10`);
          before = await titles(client);
        } finally {
          await client.end();
        }
        assert.equal((await cli('upgrade', dir, '--database-url', target.url)).code, 0);
        const again = await cli('downgrade', dir, BASE, '--database-url', target.url);
        assert.equal(again.code, 0, again.err);
        assert.match(again.out, /restored 1,000 value\(s\) of post\.title from migration_guard_backup\."post__title__[0-9a-f]+__\d+(?:_\d+)?"; NOT NULL again/);
        client = await target.connect();
        try {
          assert.deepEqual(await titles(client), before);
          assert.equal(await titleNullable(client), 'NO');
        } finally {
          await client.end();
        }
      } finally {
        await target.close();
      }
    });
  }

  it('without a backup (upgraded with --no-backup), the column comes back nullable and says so', async (t) => {
    const target = await openTarget('pglite');
    if (!target) return t.skip('PGlite did not start');
    const { dir } = projectDroppingTitle();
    dirs.push(dir);
    try {
      assert.equal((await cli('upgrade', dir, BASE, '--database-url', target.url)).code, 0);
      const client = await target.connect();
      await seed(client).finally(() => client.end());
      assert.equal((await cli('upgrade', dir, '--no-backup', '--database-url', target.url)).code, 0);
      const down = await cli('downgrade', dir, BASE, '--database-url', target.url);
      assert.equal(down.code, 0, down.err);
      assert.match(down.err, /post\.title: no backup from the upgrade to [0-9a-f]+; it comes back empty/);
      assert.match(down.err, /post\.title stays nullable: 1,000 row\(s\) have no value/);
      const check = await target.connect();
      try {
        assert.equal(await titleNullable(check), 'YES');
      } finally {
        await check.end();
      }
    } finally {
      await target.close();
    }
  });

  it('real flask db downgrade runs the same file without error, and the column comes back nullable', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const { dir } = projectDroppingTitle();
    dirs.push(dir);
    const db = await createTestDatabase('mg_down_flask');
    const flask = (...args: string[]) => {
      const run = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(run.status, 0, `flask ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
    };
    const { Client: PgClient } = await import('pg');
    try {
      flask('db', 'upgrade', BASE);
      let client = new PgClient({ connectionString: db.url });
      await client.connect();
      await seed(client).finally(() => client.end());
      flask('db', 'upgrade');
      flask('db', 'downgrade');
      client = new PgClient({ connectionString: db.url });
      await client.connect();
      try {
        assert.equal(await titleNullable(client), 'YES');
        const back = await titles(client);
        assert.equal(back.length, ROWS, 'every row is still there');
        assert.ok(
          back.every(([, title]) => title === null),
          'no backup under plain Flask-Migrate: the column is empty',
        );
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
