// The language server speaks the editor's language: initialize with locale 'es' and the diagnostics,
// the finding and column hovers, the quick-fix and code-action titles, and the notes on revision and
// model files are Spanish; codes and names from the code stay.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient, uriOf } from './harness';
import { BASE_REVISION, HEAD_REVISION, makeProject, VIEWS_REVISION, type TempProject } from './project';

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

  it('the column hover says in Spanish whether the migration head has the column and which revision made it', async () => {
    const text = client.textOf(project.models);
    const at = async (needle: string) => {
      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uriOf(project.models) },
        position: positionAt(text, text.indexOf(needle) + 1),
      });
      return (hover?.contents as MarkupContent).value;
    };
    const email = await at('email =');
    assert.match(email, /\*\*user\.email\*\*/);
    assert.match(email, /En el `head` de las migraciones: no hay ninguna migración pendiente para esta columna\./);
    assert.match(email, new RegExp(`Creada en la revisión \`${BASE_REVISION}\` — initial tables`));
    assert.match(await at('views ='), new RegExp(`Creada en la revisión \`${VIEWS_REVISION}\``));
    assert.doesNotMatch(email, /migration head|Created in/);
  });

  it('the Create Migration actions have Spanish titles', async () => {
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(300)');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    const source = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    })) as CodeAction[];
    assert.deepEqual(
      source.map((a) => [a.title, a.command?.title]),
      [['Crear migración con 2 cambios pendientes', 'Crear migración']],
      'the dropped post.body and the longer post.title',
    );
    const mg001 = diagnostics.find((d) => d.code === 'MG001');
    assert.ok(mg001, JSON.stringify(diagnostics));
    const fixes = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: mg001.range,
      context: { diagnostics: [mg001] },
    })) as CodeAction[];
    const titles = fixes.map((a) => a.title);
    assert.ok(titles.length > 0 && titles.every((t) => !/Create migration|Ignore /.test(t)), JSON.stringify(titles));
    await client.replace(project.models, 'db.String(300)', 'db.String(200)');
  });

  it('Create Migration refuses renames that do not fit the schemas in Spanish', async () => {
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: 'migrationGuard.createMigration',
        arguments: [
          {
            message: 'x',
            renames: [
              { kind: 'column', table: 'post', from: 'nope', to: 'headline' },
              { kind: 'table', from: 'gone', to: 'article' },
            ],
          },
        ],
      }),
      (error: Error) => {
        assert.match(error.message, /No se pueden aplicar los renombrados: /);
        assert.match(error.message, /no se puede renombrar la tabla "gone": el `head` de las migraciones no tiene esa tabla/);
        assert.match(error.message, /no se puede renombrar la columna "post\.nope": el `head` de las migraciones no tiene esa columna/);
        assert.doesNotMatch(error.message, /cannot rename|no such/);
        return true;
      },
    );
  });

  it('a note on a revision file (history replay) and a note on the models are Spanish', async () => {
    const revision = path.join(project.versions, 'aaaabbbbcccc_opaque.py');
    const text = readFileSync(path.join(project.versions, `${BASE_REVISION}_initial_tables_user_and_post.py`), 'utf8')
      .replaceAll(BASE_REVISION, 'aaaabbbbcccc')
      .replace('down_revision = None', `down_revision = '${HEAD_REVISION}'`)
      .replace(/def upgrade\(\):[\s\S]*def downgrade/, 'def upgrade():\n    op.execute(some_sql())\n\n\ndef downgrade');
    writeFileSync(revision, text);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(revision), type: FileChangeType.Created }] });
    const replayNote = await client.waitFor('the opaque op.execute note', () =>
      client.diagnostics.get(uriOf(revision))?.diagnostics.find((d) => d.code === 'opaque-op'),
    );
    assert.equal(replayNote.message, 'op.execute con una expresión de SQLAlchemy: su efecto en el esquema es desconocido');

    const version = await client.replace(project.models, 'db.String(200)', 'MysteryType()');
    const modelNote = await client.waitFor('the unknown column type note', () =>
      client.diagnostics
        .get(uriOf(project.models))
        ?.diagnostics.find((d) => d.code === 'unresolved-type' && client.diagnostics.get(uriOf(project.models))?.version === version),
    );
    assert.match(
      String(modelNote.message),
      /^columna "title": tipo de columna desconocido MysteryType \(MysteryType\); no es un tipo de SQLAlchemy que esta herramienta conozca$/,
    );
  });
});
