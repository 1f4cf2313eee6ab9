// Create Migration over the protocol, proven with the real tools: the revision file the server
// writes through workspace/applyEdit is applied by real `flask db upgrade` (Debian's Alembic) on
// PostgreSQL, and leaves exactly the schema SQLAlchemy's create_all makes from the edited models.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { introspectSchema } from '../../src/db/introspect';
import { schemaToJson } from '../../src/core/schema/json';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { pathOf, TestClient, uriOf } from './harness';
import { APP_PY, makeProject, MODELS_PY, type TempProject } from './project';

function flask(cwd: string, args: string[], databaseUrl: string): string {
  const result = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: databaseUrl, PYTHONDONTWRITEBYTECODE: '1' },
  });
  assert.equal(result.status, 0, `flask ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout + result.stderr;
}

/** Replaces the placeholder migrations/ files with what real `flask db init` writes. */
function realFlaskMigrateFiles(project: TempProject): void {
  const scratch = mkdtempSync(path.join(tmpdir(), 'mg-flask-init-'));
  try {
    writeFileSync(path.join(scratch, 'app.py'), APP_PY);
    writeFileSync(path.join(scratch, 'models.py'), MODELS_PY);
    flask(scratch, ['db', 'init'], 'sqlite://');
    for (const name of ['env.py', 'alembic.ini', 'script.py.mako']) copyFileSync(path.join(scratch, 'migrations', name), path.join(project.root, 'migrations', name));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function liveSchema(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const schema = await introspectSchema(client);
    delete schema.tables.alembic_version;
    return schemaToJson(schema);
  } finally {
    await client.end();
  }
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('language server: createMigration writes a revision real flask db upgrade applies', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('drop + narrow + NOT NULL add + confirmed rename → upgrade gives create_all of the edited models, rows kept', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const project = makeProject('mg-lsp-create-');
    cleanups.push(() => project.remove());
    realFlaskMigrateFiles(project);
    const migrated: TestDatabase = await createTestDatabase('mg_lsp');
    cleanups.push(() => migrated.drop());
    flask(project.root, ['db', 'upgrade'], migrated.sqlalchemyUrl);
    await query(migrated.url, `insert into "user" (email, name, bio) values ('ada@example.com', 'Ada', 'math')`);

    const client = await TestClient.start({ workspaceFolders: [project.root] });
    cleanups.push(() => client.stop());
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
    await client.replace(project.models, '    bio = db.Column(db.Text)\n', '    age = db.Column(db.Integer, nullable=False)\n');
    await client.replace(project.models, 'name = db.Column(db.String(100))', 'full_name = db.Column(db.String(100))');
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(150)');
    await client.diagnosticsFor(project.models, version);

    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'migrationGuard.createMigration',
      arguments: [{ message: 'reshape user', renames: [{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }] }],
    })) as { uri: string; revision: string };
    const file = pathOf(result.uri);
    assert.ok(existsSync(file), `${file} was not created`);
    assert.equal(path.dirname(file), project.versions);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`revision = '${result.revision}'`));
    assert.match(text, /new_column_name='full_name'|new_column_name="full_name"/);
    assert.equal(client.appliedEdits.length, 1, 'written through workspace/applyEdit');

    // The editor saves the models; real Alembic runs the new revision.
    writeFileSync(project.models, client.textOf(project.models));
    flask(project.root, ['db', 'upgrade'], migrated.sqlalchemyUrl);

    const created = await createTestDatabase('mg_lsp_all');
    cleanups.push(() => created.drop());
    const script = 'from app import app, db\nwith app.app_context():\n    db.create_all()\n';
    const run = spawnSync(SYSTEM_PYTHON, ['-c', script], { cwd: project.root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: created.sqlalchemyUrl } });
    assert.equal(run.status, 0, run.stderr);

    assert.deepEqual(await liveSchema(migrated.url), await liveSchema(created.url));
    assert.deepEqual(await query(migrated.url, 'select full_name from "user"'), [{ full_name: 'Ada' }]);

    // The new revision is the head now: the models are in sync again.
    await client.waitFor('models in sync after the new revision', () => {
      const models = client.diagnostics.get(uriOf(project.models));
      return models && models.diagnostics.length === 0 ? true : undefined;
    });
  });

  it('refuses clearly when the history has several heads', async () => {
    const project = makeProject('mg-lsp-heads-');
    cleanups.push(() => project.remove());
    const first = readFileSync(path.join(project.versions, readdirSync(project.versions)[0] as string), 'utf8');
    for (const id of ['aaaaaaaaaaaa', 'bbbbbbbbbbbb']) {
      writeFileSync(
        path.join(project.versions, `${id}_branch.py`),
        first.replace(/revision = '[0-9a-f]+'/, `revision = '${id}'`).replace('down_revision = None', "down_revision = '3f1c2a9b7d10'").replace(/def upgrade\(\):[\s\S]*def downgrade/, 'def upgrade():\n    pass\n\n\ndef downgrade'),
      );
    }
    const client = await TestClient.start({ workspaceFolders: [project.root] });
    cleanups.push(() => client.stop());
    await client.open(project.models);
    const version = await client.replace(project.models, '    bio = db.Column(db.Text)\n', '');
    await client.diagnosticsFor(project.models, version);
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'migrationGuard.createMigration', arguments: [{ message: 'x' }] }),
      (error: Error) => /several heads|multiple heads/i.test(error.message) && /aaaaaaaaaaaa/.test(error.message) && /bbbbbbbbbbbb/.test(error.message),
    );
    assert.equal(client.appliedEdits.length, 0);
  });
});
