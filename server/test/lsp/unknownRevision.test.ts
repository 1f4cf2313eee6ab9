// MG003 in the editor: with a database connected whose alembic_version holds a revision the project
// does not have, the migration head's file carries an error saying so (before, nothing was flagged).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { DatabaseUrlNotification } from '../../src/protocol';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { TestClient, uriOf } from './harness';
import { HEAD_REVISION, makeProject, type TempProject } from './project';

describe('language server: MG003, a database at a revision the project does not know', () => {
  let client: TestClient;
  let project: TempProject;
  let db: TestDatabase | null = null;

  before(async () => {
    project = makeProject('mg-lsp-mg003-');
    client = await TestClient.start({ workspaceFolders: [project.root] });
    if ((await postgresProblem()) === null) db = await createTestDatabase('mg_lsp_mg003');
  });

  after(async () => {
    await client?.stop();
    project?.remove();
    await db?.drop();
  });

  it('is an error on the head revision, and goes away once the database is at a known revision', async (t) => {
    if (missingOracle(t, await postgresProblem()) || !db) return;
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      await pg.query(`create table alembic_version (version_num varchar(32) primary key); insert into alembic_version values ('feedfacecafe')`);
      const head = path.join(project.versions, readdirSync(project.versions).find((f) => f.startsWith(HEAD_REVISION)) as string);
      await client.connection.sendNotification(DatabaseUrlNotification.method, { project: uriOf(project.root), url: db.url });
      const mg003 = await client.waitFor('MG003 on the head revision', () => client.diagnostics.get(uriOf(head))?.diagnostics.find((d) => d.code === 'MG003'));
      assert.equal(mg003.severity, DiagnosticSeverity.Error);
      assert.match(String(mg003.message), /records revision feedfacecafe, which is not in this project's migrations/);

      await pg.query(`update alembic_version set version_num = '${HEAD_REVISION}'`);
      await client.connection.sendNotification(DatabaseUrlNotification.method, { project: uriOf(project.root), url: db.url });
      await client.waitFor('MG003 cleared', () => (client.diagnostics.get(uriOf(head))?.diagnostics.some((d) => d.code === 'MG003') ? undefined : true));
    } finally {
      await pg.end();
    }
  });
});
