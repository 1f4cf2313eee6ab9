// Layouts from issue 11 (class 2) in the bundled language server: edits to a plugin history's revision
// files move the head the models are compared with (they were read as model files before), and each
// section of an alembic.ini with [name] sections is its own project in the editor, with its own history.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import {
  PendingChangesRequest,
  ProjectsRequest,
  RevisionGraphRequest,
  type PendingChangesResult,
  type ProjectInfo,
  type RevisionGraphResult,
} from '../../src/protocol';
import { TestClient, uriOf } from './harness';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

/** Polls the server (each round trip is a request) until `check` answers, or fails at the deadline. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function scratchCopy(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `mg-lsp-${fixture}-`));
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

describe('language server: plugin history revision files are watched', () => {
  let client: TestClient | undefined;
  let root = '';
  after(async () => {
    await client?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('a plugin revision changed on disk, then in an open buffer, re-reads the head without a restart', async () => {
    root = scratchCopy('plugin-histories');
    const models = path.join(root, 'arena', 'models.py');
    const plugin = path.join(root, 'arena', 'plugins', 'badges', 'migrations', '7e8f9a0b1c2d_badge_prefix.py');
    client = await TestClient.start({ workspaceFolders: [root] });
    const c = client;
    await c.open(models);
    const pending = async () => ((await c.connection.sendRequest(PendingChangesRequest.method, { project: uriOf(root) })) as PendingChangesResult).changes;
    assert.deepEqual(await pending(), [], 'in sync with the plugin history replayed');

    // The plugin's revision no longer drops "points": the head keeps it, the models do not have it.
    const original = readFileSync(plugin, 'utf8');
    writeFileSync(plugin, original.replace('    op.drop_column("badges", "points")\n', ''));
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.method, { changes: [{ uri: uriOf(plugin), type: FileChangeType.Changed }] });
    const dropped = await until('the models now drop badges.points', async () => {
      const changes = await pending();
      return changes.some((change) => change.table === 'badges' && change.column === 'points') ? changes : undefined;
    });
    assert.deepEqual(
      dropped.map((change) => [change.kind, change.table, change.column]),
      [['dropColumn', 'badges', 'points']],
    );

    // Typing in the open plugin file (unsaved) puts the drop back: in sync again.
    await c.open(plugin, readFileSync(plugin, 'utf8'));
    const line = readFileSync(plugin, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('op.execute("UPDATE badges SET badge_points = points")'));
    await c.edit(plugin, { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, '    op.drop_column("badges", "points")\n');
    await until('in sync again after the buffer edit', async () => ((await pending()).length === 0 ? true : undefined));
  });
});

describe('language server: alembic.ini with [name] sections', () => {
  let client: TestClient | undefined;
  let root = '';
  after(async () => {
    await client?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('lists one project per section, each named by its folder and section, each with its own history', async () => {
    root = scratchCopy('ini-sections');
    client = await TestClient.start({ workspaceFolders: [root] });
    const projects = (await client.connection.sendRequest(ProjectsRequest.method)) as ProjectInfo[];
    const folder = path.basename(root);
    assert.deepEqual(
      projects.map((p) => [p.root, p.name, p.heads]),
      [
        [uriOf(root), folder, ['b10a0000c001']],
        [`${uriOf(root)}#analytics`, `${folder} [analytics]`, ['a7a10000e001']],
      ],
    );
    const graph = (await client.connection.sendRequest(RevisionGraphRequest.method, { project: `${uriOf(root)}#analytics` })) as RevisionGraphResult;
    assert.deepEqual(
      graph.revisions.map((r) => r.id),
      ['a7a10000e001'],
    );
    for (const project of projects) {
      const pending = (await client.connection.sendRequest(PendingChangesRequest.method, { project: project.root })) as PendingChangesResult;
      assert.deepEqual(pending.changes, [], `${project.name} is in sync with its own models`);
    }
  });
});
