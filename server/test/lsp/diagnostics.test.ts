// Protocol tests on the bundled server: edits to a model file bring back the right diagnostics
// (codes and exact ranges), code actions carry the fixes, hovers explain, revision files get theirs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient, uriOf } from './harness';
import { BASE_REVISION, CLASSIC_MODELS_PY, HEAD_REVISION, makeProject, VIEWS_REVISION, type TempProject } from './project';

/** The range of a whole line's statement (indentation and line break excluded). */
function statementRange(text: string, statementStart: string) {
  const start = text.indexOf(statementStart);
  assert.ok(start >= 0, `"${statementStart}" not in the text`);
  const lineEnd = text.indexOf('\n', start);
  return { start: positionAt(text, start), end: positionAt(text, lineEnd < 0 ? text.length : lineEnd) };
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0] as Diagnostic;
}

describe('language server: diagnostics, code actions and hover over the protocol', () => {
  let client: TestClient;
  let project: TempProject;

  before(async () => {
    project = makeProject();
    client = await TestClient.start({ workspaceFolders: [project.root] });
  });

  after(async () => {
    // Nothing but JSON-RPC ever reached stdout.
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await client?.stop();
    project?.remove();
  });

  beforeEach(async () => {
    // Each test starts from the models as committed (closing discards the previous test's buffer).
    if (client.diagnostics.has(uriOf(project.models))) {
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(project.models) } });
    }
    await client.open(project.models, CLASSIC_MODELS_PY);
  });

  it('publishes nothing when the models match the migration head', async () => {
    assert.deepEqual(await client.diagnosticsFor(project.models, 1), []);
  });

  it('removing a column: DS103 at its class, and MG001', async () => {
    const version = await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    assert.deepEqual(codes(diagnostics), ['DS103', 'MG001']);
    const ds103 = only(diagnostics, 'DS103');
    const text = client.textOf(project.models);
    // A dropped column is no longer in the file: the finding sits on its class's name.
    const className = text.indexOf('Comment', text.indexOf('class Comment'));
    assert.deepEqual(ds103.range, { start: positionAt(text, className), end: positionAt(text, className + 'Comment'.length) });
    assert.equal(ds103.severity, 2);
    assert.equal(ds103.source, 'migration-guard');
    assert.match(ds103.message as string, /comment\.body/);
    assert.match(ds103.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/DS103\.md$/);
    const mg001 = only(diagnostics, 'MG001');
    assert.equal(mg001.severity, 3, 'MG001 is information');
  });

  it('narrowing a type: MF105 at the column statement', async () => {
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(20)');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    assert.deepEqual(codes(diagnostics), ['MF105', 'MG001', 'PG301'], 'narrowing varchar also rewrites the table');
    assert.deepEqual(only(diagnostics, 'MF105').range, statementRange(client.textOf(project.models), 'title = db.Column(db.String(20), nullable=False)'));
  });

  it('changes to several tables: still exactly one MG001, summarising them all', async () => {
    await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(20)');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    assert.deepEqual(codes(diagnostics), ['DS103', 'MF105', 'MG001', 'PG301']);
    const mg001 = only(diagnostics, 'MG001');
    assert.equal(mg001.severity, 3);
    const message = mg001.message as string;
    assert.match(message, /^2 changes pending: /);
    assert.ok(message.includes('table `post` (column title type changed)') && message.includes('table `comment` (column body dropped)'), message);
  });

  it('adding a NOT NULL column: MF103 at the new column, with its fixes', async () => {
    const version = await client.replace(
      project.models,
      '    body = db.Column(db.Text)\n',
      '    body = db.Column(db.Text)\n    rating = db.Column(db.Integer, nullable=False)\n',
    );
    const diagnostics = await client.diagnosticsFor(project.models, version);
    assert.deepEqual(codes(diagnostics), ['MF103', 'MG001']);
    const mf103 = only(diagnostics, 'MF103');
    const text = client.textOf(project.models);
    assert.deepEqual(mf103.range, statementRange(text, 'rating = db.Column(db.Integer, nullable=False)'));

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: mf103.range,
      context: { diagnostics: [mf103] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const serverDefault = actions.find((a) => a.edit !== undefined && JSON.stringify(a.edit).includes('server_default'));
    assert.ok(serverDefault, `no server default fix in ${JSON.stringify(titles)}`);
    const edits = serverDefault.edit?.changes?.[uriOf(project.models)] ?? [];
    assert.equal(edits.length, 1);
    assert.match(edits[0]?.newText ?? '', /^, server_default=/);
    assert.deepEqual(edits[0]?.range.start, positionAt(text, text.indexOf('nullable=False)', text.indexOf('rating =')) + 'nullable=False'.length));
    assert.ok(
      actions.some((a) => a.command?.command === 'migrationGuard.createMigration'),
      'create migration quick fix',
    );
    assert.ok(
      actions.some((a) => a.edit && JSON.stringify(a.edit).includes('# migration-guard: ignore MF103')),
      'ignore fix',
    );
  });

  it('renaming a column: BC102 with a "treat as rename" fix carrying the rename', async () => {
    const version = await client.replace(project.models, 'body = db.Column(db.Text)\n', 'content = db.Column(db.Text)\n');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    assert.ok(codes(diagnostics).includes('BC102'), JSON.stringify(codes(diagnostics)));
    const bc102 = only(diagnostics, 'BC102');
    assert.deepEqual(bc102.range, statementRange(client.textOf(project.models), 'content = db.Column(db.Text)'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: bc102.range,
      context: { diagnostics: [bc102] },
    })) as CodeAction[];
    const rename = actions.find((a) => JSON.stringify(a.command?.arguments ?? []).includes('"renames":[{'));
    assert.ok(rename, JSON.stringify(actions));
    assert.deepEqual((rename.command?.arguments?.[0] as { renames: unknown[] }).renames, [{ kind: 'column', table: 'post', from: 'body', to: 'content' }]);
  });

  it('making a column NOT NULL: MF104, and "do it in two steps" backfills before NOT NULL', async () => {
    const version = await client.replace(project.models, 'body = db.Column(db.Text)\n', 'body = db.Column(db.Text, nullable=False)\n');
    const diagnostics = await client.diagnosticsFor(project.models, version);
    assert.deepEqual(codes(diagnostics), ['MF104', 'MG001']);
    const mf104 = only(diagnostics, 'MF104');
    assert.deepEqual(mf104.range, statementRange(client.textOf(project.models), 'body = db.Column(db.Text, nullable=False)'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: mf104.range,
      context: { diagnostics: [mf104] },
    })) as CodeAction[];
    const twoStep = actions.find((a) => JSON.stringify(a.command?.arguments ?? []).includes('"backfills"'));
    assert.ok(twoStep, JSON.stringify(actions));
    assert.deepEqual((twoStep.command?.arguments?.[0] as { backfills: unknown }).backfills, [{ table: 'post', column: 'body', sql: "''" }]);
  });

  it('offers "Create migration for pending changes" as a source action', async () => {
    const none = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    })) as CodeAction[];
    assert.deepEqual(none, [], 'nothing pending, nothing offered');
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(300)');
    await client.diagnosticsFor(project.models, version);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, 'source.migrationGuard.createMigration');
    assert.equal(actions[0]?.command?.command, 'migrationGuard.createMigration');
  });

  it('a revision file being typed: parse problems on that buffer, with its version', async () => {
    const head = path.join(project.versions, readdirSync(project.versions).find((f) => f.startsWith(HEAD_REVISION)) as string);
    await client.open(head);
    const version = await client.replace(head, "revision = '3f8a897020d0'", 'revision = ');
    const diagnostics = await client.diagnosticsFor(head, version);
    assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.source === 'migration-guard'), JSON.stringify(diagnostics));
    const fixed = await client.replace(head, 'revision = \n', "revision = '3f8a897020d0'\n");
    assert.deepEqual(await client.diagnosticsFor(head, fixed), []);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(head) } });
  });

  it('the ignore fix silences the finding', async () => {
    const version = await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    const ds103 = only(await client.diagnosticsFor(project.models, version), 'DS103');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: ds103.range,
      context: { diagnostics: [ds103] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.edit && JSON.stringify(a.edit).includes('ignore DS103'));
    const edit = ignore?.edit?.changes?.[uriOf(project.models)]?.[0];
    assert.ok(edit, JSON.stringify(actions));
    const next = await client.edit(project.models, edit.range, edit.newText);
    assert.deepEqual(codes(await client.diagnosticsFor(project.models, next)), ['MG001']);
  });

  it('drops edit fixes computed for an older version of the document', async () => {
    const version = await client.replace(project.models, '    body = db.Column(db.Text, nullable=False)\n', '');
    const ds103 = only(await client.diagnosticsFor(project.models, version), 'DS103');
    await client.replace(project.models, 'db.String(120)', 'db.String(121)');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      range: ds103.range,
      context: { diagnostics: [ds103] },
    })) as CodeAction[];
    assert.equal(actions.filter((a) => a.edit !== undefined).length, 0);
  });

  it('hover on a column tells its state and the revision that created it', async () => {
    await client.diagnosticsFor(project.models, 1);
    const text = client.textOf(project.models);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      position: positionAt(text, text.indexOf('email =') + 2),
    });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /user\.email/);
    assert.match(value, /In the migration head/);
    assert.match(value, new RegExp(BASE_REVISION));
    // A column added by a later revision names that one.
    const views = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      position: positionAt(text, text.indexOf('views =') + 1),
    });
    assert.match((views?.contents as MarkupContent).value, new RegExp(`Created in revision \`${VIEWS_REVISION}\``));

    const version = await client.replace(project.models, 'db.String(120), unique=True, nullable=False', 'db.String(120), unique=True, nullable=True');
    await client.diagnosticsFor(project.models, version);
    const changed = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(project.models) },
      position: positionAt(text, text.indexOf('email =') + 2),
    });
    assert.match((changed?.contents as MarkupContent).value, /Pending change/);
  });

  it('hover on a finding explains what happens to the data and the safe recipe', async () => {
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(20)');
    const mf105 = only(await client.diagnosticsFor(project.models, version), 'MF105');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(project.models) }, position: mf105.range.start });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /MF105/);
    assert.match(value, /What happens to the data/);
    assert.match(value, /Safe recipe/);
    // The editor shows the diagnostic's message above the hover: the hover must not say it a second time.
    assert.ok(!value.includes(String(mf105.message)), `the hover repeats the diagnostic message:\n${value}`);
  });

  it('revision files: a missing parent is reported on the file, and goes away when fixed', async () => {
    const orphan = path.join(project.versions, 'aaaabbbbcccc_orphan.py');
    const text = readFileSync(path.join(project.versions, `${BASE_REVISION}_initial_tables_user_and_post.py`), 'utf8')
      .replaceAll(BASE_REVISION, 'aaaabbbbcccc')
      .replace('down_revision = None', "down_revision = 'ffffeeeedddd'")
      .replace(/def upgrade\(\):[\s\S]*def downgrade/, 'def upgrade():\n    op.execute(some_sql())\n\n\ndef downgrade');
    writeFileSync(orphan, text);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(orphan), type: FileChangeType.Created }] });
    const diagnostics = await client.waitFor('orphan revision diagnostics', () => {
      const got = client.diagnostics.get(uriOf(orphan));
      return got && got.diagnostics.length > 0 ? got.diagnostics : undefined;
    });
    const missing = diagnostics.find((d) => /ffffeeeedddd/.test(d.message as string));
    assert.ok(missing, JSON.stringify(diagnostics));
    assert.equal(missing.source, 'migration-guard');
    assert.ok(
      diagnostics.some((d) => d.severity === 4),
      `an opaque op is a hint: ${JSON.stringify(diagnostics)}`,
    );

    writeFileSync(orphan, text.replace("down_revision = 'ffffeeeedddd'", `down_revision = '${HEAD_REVISION}'`));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(orphan), type: FileChangeType.Changed }] });
    await client.waitFor('missing parent cleared', () => {
      const got = client.diagnostics.get(uriOf(orphan));
      return got && !got.diagnostics.some((d) => /ffffeeeedddd/.test(d.message as string)) ? true : undefined;
    });
  });

  it('half-typed Python never crashes the server', async () => {
    await client.replace(project.models, 'class Post(db.Model):', 'class Post(db.Model');
    const version = await client.replace(project.models, 'db.String(200)', 'db.String(');
    await client.diagnosticsFor(project.models, version);
    assert.equal(client.hasExited, false);
  });
});
