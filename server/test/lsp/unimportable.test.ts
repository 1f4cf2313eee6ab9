// A revision file Python cannot import is an error in the editor, at the line Python names; the
// project reports it as a problem and Create Migration refuses (never "in sync" on a broken history).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, DidCloseTextDocumentNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { ProjectsRequest, type ProjectInfo } from '../../src/protocol';
import { TestClient, uriOf } from './harness';
import { HEAD_REVISION, makeProject, type TempProject } from './project';

describe('language server: a revision Python cannot import', () => {
  let client: TestClient;
  let project: TempProject;

  before(async () => {
    project = makeProject('mg-lsp-import-');
    client = await TestClient.start({ workspaceFolders: [project.root] });
  });

  after(async () => {
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await client?.stop();
    project?.remove();
  });

  it('an unexpected indent is an error at its line, a project problem, and blocks Create Migration', async () => {
    const head = path.join(project.versions, readdirSync(project.versions).find((f) => f.startsWith(HEAD_REVISION)) as string);
    await client.open(head);
    const text = client.textOf(head);
    // The second statement of upgrade(): the one after the first create_table's closing parenthesis.
    const secondOp = /\n {4}\)\n( {4})op\./.exec(text.slice(text.indexOf('def upgrade')));
    assert.ok(secondOp, 'the head revision has two ops in upgrade()');
    const offset = text.indexOf('def upgrade') + secondOp.index + 7;
    const line = text.slice(0, offset).split('\n').length - 1;
    // Two more spaces: tree-sitter reads it fine, Python raises IndentationError.
    const version = await client.edit(head, { start: { line, character: 0 }, end: { line, character: 0 } }, '  ');
    const diagnostics = await client.diagnosticsFor(head, version);
    const error = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error && /Python cannot import/.test(String(d.message)));
    assert.ok(error, JSON.stringify(diagnostics));
    assert.match(String(error.message), /IndentationError: unexpected indent, line \d+/);
    assert.equal(error.range.start.line, line);
    assert.equal(diagnostics.filter((d) => /Python cannot import/.test(String(d.message))).length, 1, 'shown once');

    const [info] = (await client.connection.sendRequest(ProjectsRequest.method)) as ProjectInfo[];
    assert.ok(
      info?.problems.some((p) => /Python cannot import/.test(p)),
      JSON.stringify(info),
    );
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'migrationGuard.createMigration', arguments: [{ message: 'x' }] }),
      (e: Error) => /Python cannot import/.test(e.message),
    );
    assert.equal(client.appliedEdits.length, 0, 'nothing written');

    const fixed = await client.edit(head, { start: { line, character: 0 }, end: { line, character: 2 } }, '');
    const after = await client.diagnosticsFor(head, fixed);
    assert.ok(!after.some((d) => /Python cannot import/.test(String(d.message))), JSON.stringify(after));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(head) } });
  });
});
