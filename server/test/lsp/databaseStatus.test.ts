// The server owns database state: migrationGuard/databaseStatus reads the project's database now and
// answers with what alembic_version records (or why it did not answer, password masked), and the
// revision graph shows the same revisions. The client's Database view and status bar use this answer
// instead of running the CLI's `current` beside the server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DatabaseStatusRequest, RevisionGraphRequest, type DatabaseStatusResult, type RevisionGraphResult } from '../../src/protocol';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { TestClient, uriOf } from './harness';
import { HEAD_REVISION, makeProject, type TempProject } from './project';

describe('language server: the database status the client shows', () => {
  let client: TestClient;
  let project: TempProject;
  let db: TestDatabase | null = null;

  before(async () => {
    project = makeProject('mg-lsp-dbstatus-');
    client = await TestClient.start({ workspaceFolders: [project.root] });
    if ((await postgresProblem()) === null) db = await createTestDatabase('mg_lsp_dbstatus');
  });

  after(async () => {
    await client?.stop();
    project?.remove();
    await db?.drop();
  });

  const status = (url: string) =>
    client.connection.sendRequest(DatabaseStatusRequest.method, { project: uriOf(project.root), url }) as Promise<DatabaseStatusResult>;

  it('reads the recorded revision, sees a change at once, and says why a wrong password does not connect', async (t) => {
    if (missingOracle(t, await postgresProblem()) || !db) return;
    const empty = await status(db.url);
    assert.deepEqual(empty, { connected: true, current: [], error: null });

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      await pg.query(`create table alembic_version (version_num varchar(32) primary key); insert into alembic_version values ('${HEAD_REVISION}')`);
    } finally {
      await pg.end();
    }
    // Asked again with the same URL: a fresh read, not the answer from before the change.
    assert.deepEqual(await status(db.url), { connected: true, current: [HEAD_REVISION], error: null });
    const graph = (await client.connection.sendRequest(RevisionGraphRequest.method, { project: uriOf(project.root) })) as RevisionGraphResult;
    assert.deepEqual(graph.current, [HEAD_REVISION]);

    const wrong = new URL(db.url);
    wrong.password = 'not-the-password-4711';
    const refused = await status(wrong.toString());
    assert.equal(refused.connected, false);
    assert.equal(refused.current, null);
    assert.match(refused.error ?? '', /password authentication failed/);
    assert.doesNotMatch(refused.error ?? '', /not-the-password-4711/);
  });

  it('answers plainly for a database it does not read', async () => {
    const mysql = await status('mysql://user:secret@localhost/app');
    assert.equal(mysql.connected, false);
    assert.match(mysql.error ?? '', /PostgreSQL and SQLite/);
    assert.doesNotMatch(mysql.error ?? '', /secret/);
  });
});
