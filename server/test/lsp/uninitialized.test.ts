// The editor in a Flask-Migrate app before `flask db init` (test-fixtures/uninitialized): there is no
// project, so nothing is compared, and Create Migration says what to run instead of only "no project".
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from './harness';

const FIXTURE = path.resolve(__dirname, '../../../test-fixtures/uninitialized');

describe('language server: a Flask-Migrate app without migrations/', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'mg-lsp-uninitialized-'));
  let client: TestClient;
  before(async () => {
    cpSync(FIXTURE, root, { recursive: true });
    client = await TestClient.start({ workspaceFolders: [root] });
  });
  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('Create Migration asks for flask db init first', async () => {
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'migrationGuard.createMigration', arguments: [{ message: 'first' }] }),
      (e: Error) => /There is no migrations folder yet \(.*migrations does not exist\)\. The app uses Flask-Migrate: run `flask db init`/.test(e.message),
    );
  });
});
