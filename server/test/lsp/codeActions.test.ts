// Protocol tests of the PG101 quick fix and of Create Migration's refusals: the fix asks for the
// pending migration with the index created CONCURRENTLY (in an autocommit block), and half-typed
// models never become a migration.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { pathOf, TestClient, uriOf } from './harness';
import { makeProject, type TempProject } from './project';

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0] as Diagnostic;
}

describe('language server: the PG101 CONCURRENTLY fix and Create Migration refusals', () => {
  let client: TestClient;
  let project: TempProject;

  before(async () => {
    project = makeProject('mg-lsp-actions-');
    client = await TestClient.start({ workspaceFolders: [project.root] });
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
  });

  after(async () => {
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await client?.stop();
    project?.remove();
  });

  it('refuses to write a migration while a model file does not parse', async () => {
    const broken = await client.replace(project.models, 'class Comment(db.Model):', 'class Comment(db.Model');
    await client.diagnosticsFor(project.models, broken);
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'migrationGuard.createMigration', arguments: [{ message: 'half typed' }] }),
      (error: Error) => /Fix the model files first/.test(error.message) && /models\.py:\d+/.test(error.message),
    );
    assert.equal(client.appliedEdits.length, 0, 'nothing written');
    const fixed = await client.replace(project.models, 'class Comment(db.Model\n', 'class Comment(db.Model):\n');
    assert.deepEqual(await client.diagnosticsFor(project.models, fixed), []);
  });

  it('PG101 offers "create the index concurrently", and the migration it writes does so in an autocommit block', async () => {
    const version = await client.replace(project.models, '    body = db.Column(db.Text)\n', '    body = db.Column(db.Text, index=True)\n');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    const pg101 = only(diagnostics, 'PG101');
    assert.equal(diagnostics.filter((d) => d.code === 'MG001').length, 1);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: pg101.range,
      context: { diagnostics: [pg101] },
    })) as CodeAction[];
    const concurrently = actions.find((a) => /concurrently/i.test(a.title));
    assert.ok(concurrently, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(concurrently.command?.command, 'migrationGuard.createMigration');
    const params = concurrently.command?.arguments?.[0] as { concurrentIndexes?: string[]; message: string };
    assert.deepEqual(params.concurrentIndexes, ['ix_post_body']);
    assert.ok(
      actions.some(
        (a) =>
          a !== concurrently && a.command?.command === 'migrationGuard.createMigration' && !JSON.stringify(a.command.arguments).includes('concurrentIndexes'),
      ),
      'the plain migration is still offered',
    );

    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: concurrently.command?.command as string,
      arguments: concurrently.command?.arguments,
    })) as { uri: string };
    const text = readFileSync(pathOf(result.uri), 'utf8');
    assert.match(text, /with op\.get_context\(\)\.autocommit_block\(\):\n\s+op\.create_index\(.*'ix_post_body'.*postgresql_concurrently=True/);
    assert.equal(client.appliedEdits.length, 1);
  });
});
