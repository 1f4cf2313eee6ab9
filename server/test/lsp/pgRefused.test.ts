// In the editor: a step PostgreSQL refuses whatever the data is an error on its revision file, at its
// line (test-fixtures/pg-refused, over the protocol with the bundled server), and the findings that
// rest on the revision it rolls back are never data-loss warnings in models.py.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { FIXTURES_DIR } from '../support/fixtures';
import { TestClient, uriOf } from './harness';

describe('language server: steps PostgreSQL refuses', () => {
  let client: TestClient;
  let root: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mg-lsp-refused-'));
    cpSync(path.join(FIXTURES_DIR, 'pg-refused'), root, { recursive: true });
    client = await TestClient.start({ workspaceFolders: [root] });
  });

  after(async () => {
    assert.deepEqual(client?.protocolErrors ?? [], []);
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('each refused step is an error at its line of its revision file; models.py gets no DS warning', async () => {
    const models = path.join(root, 'models.py');
    await client.open(models);
    const versions = path.join(root, 'migrations', 'versions');
    for (const [file, line, words] of [
      ['b2b2b2b2b2b2_shelf_labels_and_codes.py', 20, /cannot be cast automatically/],
      ['d4d4d4d4d4d4_drop_publisher.py', 19, /still has a foreign key to "publisher"/],
      ['e5e5e5e5e5e5_book_format.py', 20, /type "bookformat" does not exist/],
    ] as const) {
      const uri = uriOf(path.join(versions, file));
      const diagnostics = await client.waitFor(`${file} diagnostics`, () => {
        const got = client.diagnostics.get(uri)?.diagnostics.filter((d) => d.code === 'pg-rejected');
        return got && got.length > 0 ? got : undefined;
      });
      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
      assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Error);
      assert.equal(diagnostics[0]?.range.start.line, line - 1);
      assert.match(String(diagnostics[0]?.message), words);
    }
    const onModels = await client.diagnosticsFor(models);
    const warnings = onModels.filter((d) => /^DS/.test(String(d.code)) && d.severity !== DiagnosticSeverity.Information);
    assert.deepEqual(warnings, []);
    assert.ok(
      onModels.some((d) => d.code === 'DS102' && d.severity === DiagnosticSeverity.Information),
      JSON.stringify(onModels),
    );
  });
});
