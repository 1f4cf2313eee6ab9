// The language server speaks the editor's language: initialize with locale 'es' and the diagnostics,
// the finding hover and the quick-fix titles are Spanish; codes and names from the code stay.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, HoverRequest, type CodeAction, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from './harness';
import { makeProject, type TempProject } from './project';

describe('language server in Spanish (initialize locale: es)', () => {
  let client: TestClient;
  let project: TempProject;

  before(async () => {
    project = makeProject('mg-lsp-es-');
    client = await TestClient.start({ workspaceFolders: [project.root], locale: 'es' });
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
  });

  after(async () => {
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await client?.stop();
    project?.remove();
  });

  it('a dropped column is a Spanish DS103 with a Spanish hover and quick fix', async () => {
    const version = await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    const ds103 = diagnostics.find((d) => d.code === 'DS103');
    assert.ok(ds103, JSON.stringify(diagnostics));
    assert.match(String(ds103.message), /^Eliminar `\w+\.body` destruye datos: la columna está en el `head` de las migraciones pero ya no en el modelo\./);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(project.models) }, position: ds103.range.start });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*DS103\*\*/);
    assert.match(value, /\*\*Qué pasa con los datos:\*\* Eliminar la columna borra su valor en cada fila\./);
    assert.match(value, /\*\*Receta segura:\*\*/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: ds103.range,
      context: { diagnostics: [ds103] },
    })) as CodeAction[];
    assert.ok(
      actions.some((a) => /^Ignorar DS103 aquí/.test(a.title)),
      JSON.stringify(actions.map((a) => a.title)),
    );
  });
});
