// The confirmation before a destructive move counts what the rules count: the editor's modal text
// (built by the client's own model from the CLI's dry-run JSON, as moveDatabase builds it) and the
// CLI's dry-run report show, for a dropped column, the non-null values `check --database-url` reports
// for its DS103 finding, not the size of a backup. On real PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { confirmationText } from '../../../client/src/model/confirmation';
import { risksFromExecution } from '../../../client/src/model/execution';
import type { Finding } from '../../src/core/findings';
import type { ExecutionResult } from '../../src/db/executor';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase } from '../support/pgdb';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BODY = '    body = db.Column(db.Text)\n';

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the confirmation counts what check counts', () => {
  let dir = '';
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a dropped column: the modal and the CLI dry run give the non-null values of its DS103 finding', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    dir = mkdtempSync(path.join(tmpdir(), 'mg-confirm-counts-'));
    cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
    const db = await createTestDatabase('mg_confirm_counts');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      assert.equal(cli('upgrade', dir, '--database-url', db.url).code, 0);
      await client.query(`INSERT INTO "user" (username, email) VALUES ('ann', 'a@x')`);
      // 1,204 posts, 1,111 of them with a body: the two numbers must not be confused.
      await client.query(
        `INSERT INTO post (title, body, author_id) SELECT 't' || i, CASE WHEN i <= 1111 THEN 'b' || i END, 1 FROM generate_series(1, 1204) AS i`,
      );
      const models = path.join(dir, 'models.py');
      writeFileSync(models, readFileSync(models, 'utf8').replace(BODY, ''));
      const check = JSON.parse(cli('check', dir, '--format', 'json', '--database-url', db.url).out) as Finding[];
      assert.deepEqual(check.find((f) => f.code === 'DS103')?.rows, { total: 1204, atRisk: 1111 }, 'check counts 1,111 non-null values of 1,204 rows');
      const revision = cli('revision', dir, '-m', 'drop body', '--autogenerate', '--no-input', '--format', 'json');
      assert.equal(revision.code, 0, revision.err);
      const id = (JSON.parse(revision.out) as { revision: string }).revision;

      const dryRun = cli('upgrade', dir, '--dry-run', '--format', 'json', '--database-url', db.url);
      assert.equal(dryRun.code, 0, dryRun.err);
      const result = JSON.parse(dryRun.out) as ExecutionResult;
      const counted = result.steps[0]?.rowCounts?.find((c) => c.code === 'DS103');
      assert.deepEqual([counted?.table, counted?.column, counted?.totalRows, counted?.rowsAtRisk], ['post', 'body', 1204, 1111]);
      const text = confirmationText({
        direction: 'upgrade',
        target: 'head',
        steps: result.steps.map((s) => ({ revision: s.revision, message: s.message })),
        risks: risksFromExecution(result),
        database: 'test',
        backup: true,
      });
      assert.equal(text.message, 'Upgrade to head destroys data: 1,111 rows in 1 column.');
      assert.match(text.detail, new RegExp(`• column post\\.body dropped in ${id} \\(1,204 rows, 1,111 non-null values\\) \\[DS103\\]`));

      const report = cli('upgrade', dir, '--dry-run', '--database-url', db.url);
      assert.equal(report.code, 0, report.err);
      assert.match(report.out, /at risk: post\.body: 1,111 non-null values \(of 1,204 rows\) \[DS103\]/);
      const spanish = cli('upgrade', dir, '--dry-run', '--lang', 'es', '--database-url', db.url);
      assert.match(spanish.out, /en riesgo: post\.body: 1111 valores no nulos \(de 1204 filas\) \[DS103\]/);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
