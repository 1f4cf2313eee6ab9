// The custom requests of protocol.ts over the bundled server, on a multi-root workspace (two copies
// of test-fixtures/classic), and the optional database: applied states and rows at risk.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DidChangeWorkspaceFoldersNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  DatabaseUrlNotification,
  PendingChangesRequest,
  ProjectsRequest,
  RevisionGraphRequest,
  type PendingChangesResult,
  type ProjectInfo,
  type RevisionGraphResult,
} from '../../src/protocol';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { TestClient, uriOf } from './harness';
import { BASE_REVISION, HEAD_REVISION, makeProject, type TempProject } from './project';

const MIDDLE_REVISION = '55534dee8a8f';

describe('language server: custom requests, multi-root, database state', () => {
  let client: TestClient;
  let first: TempProject;
  let second: TempProject;
  const cleanups: (() => Promise<void> | void)[] = [];

  before(async () => {
    first = makeProject('mg-lsp-a-');
    second = makeProject('mg-lsp-b-');
    client = await TestClient.start({ workspaceFolders: [first.root, second.root] });
  });

  after(async () => {
    await client?.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
    first?.remove();
    second?.remove();
  });

  it('lists one project per workspace folder', async () => {
    const projects = (await client.connection.sendRequest(ProjectsRequest.method)) as ProjectInfo[];
    assert.deepEqual(projects.map((p) => p.root).sort(), [uriOf(first.root), uriOf(second.root)].sort());
    for (const project of projects) {
      assert.deepEqual(project.heads, [HEAD_REVISION]);
      assert.equal(project.pendingChanges, 0);
      assert.deepEqual(project.problems, []);
      assert.ok(
        project.modelFiles.some((f) => f.endsWith('/models.py')),
        JSON.stringify(project.modelFiles),
      );
    }
  });

  it('gives the revision graph in upgrade order, states unknown without a database', async () => {
    const graph = (await client.connection.sendRequest(RevisionGraphRequest.method, { project: uriOf(first.root) })) as RevisionGraphResult;
    assert.deepEqual(
      graph.revisions.map((r) => r.id),
      [BASE_REVISION, MIDDLE_REVISION, HEAD_REVISION],
    );
    assert.deepEqual(
      graph.revisions.map((r) => [r.isBase, r.isHead]),
      [
        [true, false],
        [false, false],
        [false, true],
      ],
    );
    assert.deepEqual(graph.revisions[1]?.downRevisions, [BASE_REVISION]);
    assert.ok(graph.revisions.every((r) => r.state === 'unknown' && r.uri.startsWith(uriOf(first.versions))));
    assert.equal(graph.current, null);
    assert.equal(graph.revisions[0]?.message, 'initial tables: user and post');
  });

  it('edits in one root change only that project: pending changes with rename candidates', async () => {
    await client.open(second.models);
    const version = await client.replace(second.models, 'body = db.Column(db.Text)\n', 'content = db.Column(db.Text)\n');
    await client.diagnosticsFor(second.models, version);
    const pending = (await client.connection.sendRequest(PendingChangesRequest.method, { project: uriOf(second.models) })) as PendingChangesResult;
    assert.equal(pending.project, uriOf(second.root));
    // Renames by default: the unambiguous pair is already a rename; the client asks with it checked.
    assert.deepEqual(pending.changes.map((c) => c.description).sort(), ['rename column post.body → content']);
    assert.deepEqual(pending.renameCandidates, [{ kind: 'column', table: 'post', from: 'body', to: 'content' }]);
    assert.deepEqual(pending.ambiguousRenames, []);
    assert.ok(pending.findings.some((f) => f.code === 'BC102'));
    const untouched = (await client.connection.sendRequest(PendingChangesRequest.method, { project: uriOf(first.root) })) as PendingChangesResult;
    assert.deepEqual(untouched.changes, []);
    // The Schema view lists columns in model order, where they are declared (the schema JSON is sorted by name).
    const post = untouched.tables?.find((t) => t.name === 'post');
    assert.deepEqual(
      post?.columns.map((c) => c.name),
      ['id', 'title', 'body', 'views', 'published_at', 'author_id'],
    );
    assert.ok(post?.columns.every((c) => c.uri === uriOf(first.models) && c.range.start.line > post.range.start.line));
  });

  it('follows workspace folders being removed and added', async () => {
    const folder = { uri: uriOf(second.root), name: 'second' };
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder] } });
    const after = (await client.connection.sendRequest(ProjectsRequest.method)) as ProjectInfo[];
    assert.deepEqual(
      after.map((p) => p.root),
      [uriOf(first.root)],
    );
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder], removed: [] } });
    const back = (await client.connection.sendRequest(ProjectsRequest.method)) as ProjectInfo[];
    assert.deepEqual(back.map((p) => p.root).sort(), [uriOf(first.root), uriOf(second.root)].sort());
  });

  it('with a database: applied / current / pending states, and row counts in findings', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const db: TestDatabase = await createTestDatabase('mg_lsp_req');
    cleanups.push(() => db.drop());
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      // The database is at the middle revision, with comments whose bodies a drop would destroy.
      await pg.query('create table alembic_version (version_num varchar(32) not null primary key)');
      await pg.query(`insert into alembic_version values ('${MIDDLE_REVISION}')`);
      await pg.query('create table comment (id serial primary key, post_id integer, body text not null)');
      await pg.query(`insert into comment (post_id, body) values (1, 'a'), (1, 'b'), (2, 'c')`);
    } finally {
      await pg.end();
    }
    await client.open(first.models);
    const version = await client.replace(first.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    await client.diagnosticsFor(first.models, version);
    await client.connection.sendNotification(DatabaseUrlNotification.method, { project: uriOf(first.root), url: db.url });

    const deadline = Date.now() + 20_000;
    let states: string[] = [];
    while (Date.now() < deadline) {
      const result = (await client.connection.sendRequest(RevisionGraphRequest.method, { project: uriOf(first.root) })) as RevisionGraphResult;
      states = result.revisions.map((r) => r.state);
      if (result.current !== null) {
        assert.deepEqual(result.current, [MIDDLE_REVISION]);
        break;
      }
      await new Promise((resolve) => setImmediate(resolve)); // poll (each round trip is a request), with the deadline above
    }
    assert.deepEqual(states, ['applied', 'current', 'pending']);
    const ds103 = await client.waitFor('DS103 with its row count', () => {
      const got = client.diagnostics.get(uriOf(first.models));
      return got?.diagnostics.find((d: Diagnostic) => d.code === 'DS103' && /3 non-null values/.test(d.message as string));
    });
    assert.ok(ds103);
  });
});
