// Create Migration over the protocol, proven with the real tools: the revision file the server
// writes through workspace/applyEdit is applied by real `flask db upgrade` (Debian's Alembic) on
// PostgreSQL, and leaves exactly the schema SQLAlchemy's create_all makes from the edited models.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { introspectSchema } from '../../src/db/introspect';
import { schemaToJson } from '../../src/core/schema/json';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { pathOf, TestClient, uriOf } from './harness';
import { HEAD_REVISION, makeProject } from './project';

function flask(cwd: string, args: string[], databaseUrl: string): string {
  const result = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: databaseUrl, PYTHONDONTWRITEBYTECODE: '1' },
  });
  assert.equal(result.status, 0, `flask ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout + result.stderr;
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

  it('drop + narrow + NOT NULL add on a table with rows + confirmed rename → upgrade gives create_all of the edited models, rows kept', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const project = makeProject('mg-lsp-create-');
    cleanups.push(() => project.remove());
    const migrated: TestDatabase = await createTestDatabase('mg_lsp');
    cleanups.push(() => migrated.drop());
    flask(project.root, ['db', 'upgrade'], migrated.sqlalchemyUrl);
    await query(migrated.url, `insert into "user" (username, email) values ('ada', 'ada@example.com')`);
    await query(migrated.url, `insert into post (title, body, author_id) select 'Hello', 'first post', id from "user"`);

    const client = await TestClient.start({ workspaceFolders: [project.root] });
    cleanups.push(() => client.stop());
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
    await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    await client.replace(project.models, '    title = db.Column(db.String(200), nullable=False)', '    headline = db.Column(db.String(200), nullable=False)');
    await client.replace(project.models, '    posts = db.relationship', '    karma = db.Column(db.Integer, nullable=False)\n    posts = db.relationship');
    const version = await client.replace(project.models, 'db.String(50)', 'db.String(40)');
    await client.diagnosticsFor(project.models, version);

    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'migrationGuard.createMigration',
      arguments: [{ message: 'reshape posts and users', renames: [{ kind: 'column', table: 'post', from: 'title', to: 'headline' }] }],
    })) as { uri: string; revision: string };
    const file = pathOf(result.uri);
    assert.ok(existsSync(file), `${file} was not created`);
    assert.equal(path.dirname(file), project.versions);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`revision = '${result.revision}'`));
    assert.match(text, /new_column_name='headline'|new_column_name="headline"/);
    assert.match(text, new RegExp(`down_revision = '${HEAD_REVISION}'`));
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
    assert.deepEqual(await query(migrated.url, 'select headline from post'), [{ headline: 'Hello' }]);
    assert.deepEqual(await query(migrated.url, 'select karma from "user"'), [{ karma: 0 }]);

    // The new revision is the head now: the models are in sync again.
    await client.waitFor('models in sync after the new revision', () => {
      const models = client.diagnostics.get(uriOf(project.models));
      return models && models.diagnostics.length === 0 ? true : undefined;
    });
  });

  it('refuses clearly when the history has several heads', async () => {
    const project = makeProject('mg-lsp-heads-');
    cleanups.push(() => project.remove());
    const head = readdirSync(project.versions).find((f) => f.startsWith(HEAD_REVISION)) as string;
    const template = readFileSync(path.join(project.versions, head), 'utf8');
    for (const id of ['aaaaaaaaaaaa', 'bbbbbbbbbbbb']) {
      writeFileSync(
        path.join(project.versions, `${id}_branch.py`),
        template
          .replace(/^revision = '[0-9a-f]+'/m, `revision = '${id}'`)
          .replace(/^down_revision = '[0-9a-f]+'/m, `down_revision = '${HEAD_REVISION}'`)
          .replace(/def upgrade\(\):[\s\S]*def downgrade\(\):[\s\S]*$/, 'def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n'),
      );
    }
    const client = await TestClient.start({ workspaceFolders: [project.root] });
    cleanups.push(() => client.stop());
    await client.open(project.models);
    const version = await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    await client.diagnosticsFor(project.models, version);
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'migrationGuard.createMigration', arguments: [{ message: 'x' }] }),
      (error: Error) => /several heads|multiple heads/i.test(error.message) && /aaaaaaaaaaaa/.test(error.message) && /bbbbbbbbbbbb/.test(error.message),
    );
    assert.equal(client.appliedEdits.length, 0);
  });
});
