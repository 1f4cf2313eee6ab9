// In the editor: mixins from a library are read from the workspace's own virtual environment, trusted or
// not; the site-packages of a configured Python outside the workspace folder only in a trusted workspace
// (test-fixtures/venv-mixin without its last revision: the library's NOT NULL column is pending).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { FIXTURES_DIR } from '../support/fixtures';
import { TestClient } from './harness';

const LAST_REVISION = 'migrations/versions/b2c3d4e5f6a7_oauth2_tokens_client_secret_expiry.py';

describe('language server: library base classes from the virtual environment', () => {
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  after(async () => {
    for (const client of clients) {
      assert.deepEqual(client.protocolErrors, []);
      await client.stop();
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The fixture without its last revision; `venvOutside`: its .venv moved to a folder outside the workspace, with a bin/python. */
  const workspace = (venvOutside: boolean) => {
    const root = mkdtempSync(path.join(tmpdir(), 'mg-lsp-venv-'));
    dirs.push(root);
    cpSync(path.join(FIXTURES_DIR, 'venv-mixin'), root, { recursive: true });
    rmSync(path.join(root, '.migration-guard'), { recursive: true, force: true });
    rmSync(path.join(root, LAST_REVISION));
    if (!venvOutside) return { root, python: undefined };
    const outside = mkdtempSync(path.join(tmpdir(), 'mg-lsp-python-'));
    dirs.push(outside);
    renameSync(path.join(root, '.venv', 'lib'), path.join(outside, 'lib'));
    rmSync(path.join(root, '.venv'), { recursive: true });
    mkdirSync(path.join(outside, 'bin'));
    writeFileSync(path.join(outside, 'bin', 'python'), '');
    return { root, python: path.join(outside, 'bin', 'python') };
  };

  const modelDiagnostics = async (root: string, settings: Record<string, unknown>) => {
    const client = await TestClient.start({ workspaceFolders: [root], settings });
    clients.push(client);
    const models = path.join(root, 'models.py');
    await client.open(models);
    return client.diagnosticsFor(models);
  };

  it("untrusted: the workspace's .venv is read, so the library's NOT NULL column is MF103 at the model", async () => {
    const { root } = workspace(false);
    const diagnostics = await modelDiagnostics(root, { trusted: false });
    const mf103 = diagnostics.filter((d) => d.code === 'MF103');
    assert.equal(mf103.length, 1, JSON.stringify(diagnostics));
    assert.equal(mf103[0]?.range.start.line, 13);
    assert.match(String(mf103[0]?.message), /client_secret_expires_at/);
  });

  it('untrusted: a configured Python outside the workspace is not read (a note at each base); trusted: it is', async () => {
    const { root, python } = workspace(true);
    const untrusted = await modelDiagnostics(root, { trusted: false, pythonPath: python });
    assert.deepEqual(
      untrusted.filter((d) => d.code === 'MF103' || /^DS/.test(String(d.code))),
      [],
    );
    assert.equal(untrusted.filter((d) => /is a base class from outside the project/.test(String(d.message))).length, 2, JSON.stringify(untrusted));
    const trusted = await modelDiagnostics(root, { trusted: true, defaultInterpreterPath: python });
    assert.equal(trusted.filter((d) => d.code === 'MF103').length, 1, JSON.stringify(trusted));
    assert.deepEqual(
      trusted.filter((d) => /is a base class from outside the project/.test(String(d.message))),
      [],
    );
  });
});
