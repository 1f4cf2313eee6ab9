// Over the protocol: typing a column into a typed model, one keystroke at a time, never publishes a
// drop or a pending migration for the half-typed class; one diagnostic says its findings are paused,
// and once the line parses the new column counts. `index=flag` is a note, never an index drop.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidCloseTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient, uriOf } from './harness';
import { makeProject, type TempProject } from './project';

const TYPED = path.resolve(__dirname, '../../../test-fixtures/typed');

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

describe('language server: half-typed models', () => {
  let root: string;
  let models: string;
  let client: TestClient;
  let classic: TempProject;
  let classicClient: TestClient;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mg-lsp-half-'));
    cpSync(TYPED, root, { recursive: true, filter: (source) => !source.includes('__pycache__') });
    models = path.join(root, 'models.py');
    classic = makeProject('mg-lsp-half-classic-');
    [client, classicClient] = await Promise.all([TestClient.start({ workspaceFolders: [root] }), TestClient.start({ workspaceFolders: [classic.root] })]);
  });

  after(async () => {
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await Promise.all([client?.stop(), classicClient?.stop()]);
    rmSync(root, { recursive: true, force: true });
    classic?.remove();
  });

  it('typing `rating: so.Mapped[int] = so.mapped_column(sa.Integ` keystroke by keystroke never reads as a drop', async () => {
    await client.open(models);
    assert.deepEqual(await client.diagnosticsFor(models, 1), [], 'the fixture starts in sync');
    const typed = '    rating: so.Mapped[int] = so.mapped_column(sa.Integ';
    let text = client.textOf(models);
    const lineStart = text.indexOf('    tasks: Mapped');
    let version = await client.edit(models, { start: positionAt(text, lineStart), end: positionAt(text, lineStart) }, '\n');
    for (const char of typed) {
      text = client.textOf(models);
      const at = positionAt(text, lineStart + text.slice(lineStart).indexOf('\n'));
      version = await client.edit(models, { start: at, end: at }, char);
      const diagnostics = await client.diagnosticsFor(models, version);
      // Intermediate states that parse (`rating: so.Mapped[int]`) may be real pending changes; none is a drop.
      assert.deepEqual(
        codes(diagnostics).filter((c) => /^(DS|BC)/.test(c)),
        [],
        `after typing up to ${JSON.stringify(char)}: ${JSON.stringify(diagnostics)}`,
      );
    }
    const diagnostics = await client.diagnosticsFor(models, version);
    assert.deepEqual(codes(diagnostics), ['findings-paused']);
    const paused = diagnostics[0] as Diagnostic;
    assert.match(String(paused.message), /findings for class Project are paused/);
    assert.equal(paused.range.start.line, positionAt(client.textOf(models), lineStart).line, 'at the half-typed line');
    assert.equal(paused.severity, 2);

    // Finish the line (the fixture imports Mapped and mapped_column themselves): the class parses
    // again and the new column is a pending change.
    version = await client.replace(models, 'so.Mapped[int] = so.mapped_column(sa.Integ', 'Mapped[int] = mapped_column(nullable=True)');
    const done = await client.diagnosticsFor(models, version);
    assert.ok(!codes(done).includes('findings-paused'), JSON.stringify(done));
    assert.ok(codes(done).includes('MG001'), JSON.stringify(done));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(models) } });
  });

  it('index=flag is a note at its argument, and no index drop is reported', async () => {
    const text = readFileSync(classic.models, 'utf8').replace('nullable=False, index=True)', 'nullable=False, index=flag)');
    await classicClient.open(classic.models, text);
    const diagnostics = await classicClient.diagnosticsFor(classic.models, 1);
    assert.deepEqual(codes(diagnostics), ['unresolved-value'], JSON.stringify(diagnostics));
    const flag = text.indexOf('flag)');
    assert.deepEqual(diagnostics[0]?.range, { start: positionAt(text, flag), end: positionAt(text, flag + 'flag'.length) });
  });
});
