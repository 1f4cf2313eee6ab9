// Issue 11, Deliver 1: `check` exits 2 only when there is no project. On a history with two heads
// (test-fixtures/classic plus a branch revision on its middle revision) it answers: the models are
// compared with every head applied (what `flask db upgrade heads` builds; oracle: real Flask-Migrate on
// PostgreSQL), and MG004, an error at each head's revision line, makes the exit 1. `revision` and
// `upgrade` still refuse (issue 12). The language server shows the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { checkCommand } from '../../src/cli/commands/check';
import { revisionCommand } from '../../src/cli/commands/revision';
import { ProjectAnalysis } from '../../src/core/project/analysis';
import { discoverProjects } from '../../src/core/project/discover';
import { initPythonParser } from '../../src/core/python/parser';
import { schemaToJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import { runVerb } from '../db/cliRun';
import { TestClient, uriOf } from '../lsp/harness';
import { FIXTURES_DIR } from '../support/fixtures';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const BRANCH = `"""user nickname

Revision ID: cccccccccccc
Revises: 55534dee8a8f
Create Date: 2026-12-01 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'cccccccccccc'
down_revision = '55534dee8a8f'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user', sa.Column('nickname', sa.String(length=40), nullable=True))


def downgrade():
    op.drop_column('user', 'nickname')
`;
const NICKNAME = '    nickname = db.Column(db.String(40))\n';

describe('check on a history with several heads', () => {
  const dirs: string[] = [];
  let db: TestDatabase | null = null;
  let client: TestClient | null = null;
  before(async () => initPythonParser());
  after(async () => {
    await client?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  /** classic with the branch revision; `nickname`: the models declare the branch's column too. */
  const forked = (nickname: boolean) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-heads-'));
    dirs.push(dir);
    cpSync(path.join(FIXTURES_DIR, 'classic'), dir, { recursive: true });
    rmSync(path.join(dir, '.migration-guard'), { recursive: true, force: true });
    writeFileSync(path.join(dir, 'migrations', 'versions', 'cccccccccccc_user_nickname.py'), BRANCH);
    if (nickname) {
      const models = path.join(dir, 'models.py');
      const text = readFileSync(models, 'utf8');
      writeFileSync(models, text.replace('    posts = db.relationship(', `${NICKNAME}    posts = db.relationship(`));
    }
    return dir;
  };

  it('answers with exit 1: MG004 at each head, and nothing else when the models match every head applied', async () => {
    const dir = forked(true);
    const json = await runVerb(checkCommand, [dir, '--format', 'json']);
    assert.equal(json.code, 1, json.out + json.err);
    const findings = JSON.parse(json.out) as { code: string; severity: string; file: string; range: { start: { line: number } }; message: string }[];
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.file, f.range.start.line]).sort(), [
      ['MG004', 'error', 'migrations/versions/3f8a897020d0_tags_and_post_views.py', 12],
      ['MG004', 'error', 'migrations/versions/cccccccccccc_user_nickname.py', 11],
    ]);
    assert.match(findings[0]?.message ?? '', /several heads \((3f8a897020d0, cccccccccccc|cccccccccccc, 3f8a897020d0)\)/);
    const text = await runVerb(checkCommand, [dir]);
    assert.equal(text.code, 1);
    assert.match(text.out, /match the schema of every head applied; merge the heads first/);
    assert.doesNotMatch(text.out + text.err, /in sync\./);
    // Only the several-heads error, once per head: no repeated note.
    assert.equal((text.out + text.err).match(/several heads/g)?.length, 2, text.out + text.err);
  });

  it("the comparison is with every head applied: the branch's column is a drop when the models lack it", async () => {
    const dir = forked(false);
    const json = await runVerb(checkCommand, [dir, '--format', 'json']);
    assert.equal(json.code, 1, json.err);
    const codes = (JSON.parse(json.out) as { code: string; table: string; column?: string }[]).map(
      (f) => `${f.code} ${f.table}${f.column ? `.${f.column}` : ''}`,
    );
    assert.ok(codes.includes('DS103 user.nickname'), codes.join(', '));
    const text = await runVerb(checkCommand, [dir]);
    assert.match(text.out, /pending against every head applied: merge the heads first/);
    // revision still refuses: autogenerate has no single head to write on.
    const revision = await runVerb(revisionCommand, [dir, '-m', 'x', '--autogenerate']);
    assert.equal(revision.code, 2);
    assert.match(revision.err, /several heads/);
  });

  it('oracle: the head schema compared is what real `flask db upgrade heads` builds', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_several_heads');
    const dir = forked(true);
    const upgrade = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', 'upgrade', 'heads'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
    });
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const [location] = discoverProjects(dir);
    assert.ok(location);
    const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      assert.deepEqual(schemaToJson(result.headSchema), schemaToJson(await introspectSchema(pg)));
    } finally {
      await pg.end();
    }
  });

  it('the language server shows MG004 at each head (once) and compares models.py with every head applied', async () => {
    const dir = forked(false);
    client = await TestClient.start({ workspaceFolders: [dir] });
    const models = path.join(dir, 'models.py');
    await client.open(models);
    const head = path.join(dir, 'migrations', 'versions', 'cccccccccccc_user_nickname.py');
    const onHead = await client.waitFor('MG004 on the branch head', () => {
      const got = client?.diagnostics.get(uriOf(head))?.diagnostics;
      return got?.some((d) => d.code === 'MG004') ? got : undefined;
    });
    assert.deepEqual(
      onHead.filter((d) => /several heads/.test(String(d.message))).map((d) => [d.code, d.severity, d.range.start.line]),
      [['MG004', DiagnosticSeverity.Error, 11]],
    );
    const onModels = await client.diagnosticsFor(models);
    assert.ok(
      onModels.some((d) => d.code === 'DS103' && /nickname/.test(String(d.message))),
      JSON.stringify(onModels),
    );
  });
});
