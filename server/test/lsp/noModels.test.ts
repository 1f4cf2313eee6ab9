// No model found at all while the history has tables (models in a form the tool does not read, another
// ORM): the language server claims nothing on models it could not see. No table reads as dropped, no
// change is pending, the project says why, and Create Migration refuses (it would drop every table).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { ProjectsRequest, type ProjectInfo } from '../../src/protocol';
import { TestClient } from './harness';
import { makeProject, type TempProject } from './project';

const PEEWEE_MODELS = 'from peewee import Model, CharField\n\n\nclass User(Model):\n    email = CharField()\n';

describe('language server: no models found', () => {
  let client: TestClient;
  let project: TempProject;

  before(async () => {
    project = makeProject('mg-lsp-no-models-');
    writeFileSync(project.models, PEEWEE_MODELS);
    client = await TestClient.start({ workspaceFolders: [project.root] });
  });

  after(async () => {
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await client?.stop();
    project?.remove();
  });

  it('reports no pending change and no finding, names the problem, and Create Migration refuses', async () => {
    await client.open(project.models);
    const diagnostics = await client.diagnosticsFor(project.models);
    assert.deepEqual(
      diagnostics.filter((d) => /^(DS|MF|MG001)/.test(String(d.code))),
      [],
      'no table reads as dropped and nothing is pending',
    );
    const [info] = (await client.connection.sendRequest(ProjectsRequest.method)) as ProjectInfo[];
    assert.ok(info);
    assert.equal(info.pendingChanges, 0, JSON.stringify(info));
    assert.equal(info.findings, 0, JSON.stringify(info));
    assert.ok(
      info.problems.some((p) => /No models were found/.test(p)),
      JSON.stringify(info),
    );
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'migrationGuard.createMigration', arguments: [{ message: 'x' }] }),
      (e: Error) => /No models were found/.test(e.message),
    );
  });
});
