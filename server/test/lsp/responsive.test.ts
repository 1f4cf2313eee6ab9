// The server stays responsive: an unclosed bracket in a 50,000-line models file does not stall it,
// bad positions are clamped (notifications) or refused with InvalidParams (requests), work for old
// document versions is dropped when newer edits arrive, and the server exits when its parent or its
// stdin goes away. Deadlines here only detect a stall; speed is measured in `npm run bench`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeTextDocumentNotification, ErrorCodes, HoverRequest, ResponseError } from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient, uriOf } from './harness';
import { makeProject, type TempProject } from './project';

const STALL_DEADLINE_MS = 180_000;

/** A Flask-SQLAlchemy project whose models.py has `classes` generated models of 20 lines each. */
function generatedProject(classes: number): { root: string; models: string; text: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'mg-lsp-big-'));
  mkdirSync(path.join(root, 'migrations', 'versions'), { recursive: true });
  writeFileSync(path.join(root, 'migrations', 'env.py'), '');
  writeFileSync(path.join(root, 'migrations', 'alembic.ini'), '[alembic]\n');
  writeFileSync(path.join(root, 'app.py'), 'from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n');
  const lines = ['from app import db', ''];
  for (let i = 0; i < classes; i++) {
    lines.push(`class Thing${i}(db.Model):`, `    __tablename__ = "thing_${i}"`, '    id = db.Column(db.Integer, primary_key=True)');
    for (let c = 0; c < 15; c++) lines.push(`    c_${c} = db.Column(db.String(${100 + c}), nullable=False)`);
    lines.push('', '');
  }
  const text = lines.join('\n');
  const models = path.join(root, 'models.py');
  writeFileSync(models, text);
  return { root, models, text };
}

describe('language server: responsiveness', () => {
  let project: TempProject;
  let client: TestClient;

  before(async () => {
    project = makeProject('mg-lsp-responsive-');
    client = await TestClient.start({ workspaceFolders: [project.root] });
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
  });

  after(async () => {
    await client?.stop();
    project?.remove();
  });

  it('clamps out-of-range, negative, fractional and null positions in edits, and keeps buffer and analysis in step', async () => {
    const uri = uriOf(project.models);
    const original = client.textOf(project.models);
    const send = (version: number, range: unknown, text: string) =>
      client.connection.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    await send(2, { start: { line: 99_999, character: 5 }, end: { line: 99_999, character: 9 } }, '\n# appended past the end\n');
    await send(3, { start: { line: 0, character: null }, end: { line: 0, character: null } }, '# at the start\n');
    await send(4, { start: { line: -3, character: -1 }, end: { line: 1.5, character: 2.7 } }, '');
    await send(5, { start: { line: 2, character: 10_000 }, end: { line: 1, character: 0 } }, '');
    await send(6, null, 'x');
    // Whatever the clamped edits made, a whole-text replacement brings both sides back to one text.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.method, {
      textDocument: { uri, version: 7 },
      contentChanges: [{ text: original }],
    });
    assert.deepEqual(await client.diagnosticsFor(project.models, 7), []);
    assert.equal(client.hasExited, false, client.stderr);
    // And the incremental path still applies real edits correctly afterwards.
    client.diagnostics.delete(uri);
    const lines = original.split('\n');
    const bodyLine = lines.findIndex((l) => l.startsWith('    body = db.Column(db.Text, nullable=False)'));
    await client.connection.sendNotification(DidChangeTextDocumentNotification.method, {
      textDocument: { uri, version: 8 },
      contentChanges: [{ range: { start: { line: bodyLine, character: 0 }, end: { line: bodyLine + 1, character: 0 } }, text: '' }],
    });
    const diagnostics = await client.diagnosticsFor(project.models, 8);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['DS103', 'MG001']);
    // Put the file back for the next tests.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.method, {
      textDocument: { uri, version: 9 },
      contentChanges: [{ text: original }],
    });
    await client.diagnosticsFor(project.models, 9);
    await client.open(project.models, original);
    await client.diagnosticsFor(project.models, 1);
  });

  it('refuses requests with null or negative positions with InvalidParams, and keeps answering', async () => {
    const uri = uriOf(project.models);
    for (const position of [{ line: 0, character: null }, { line: -1, character: 0 }, null, { line: 1.5, character: 0 }]) {
      await assert.rejects(
        client.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position }),
        (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams,
        JSON.stringify(position),
      );
    }
    // Out of range but well formed: answered (nothing there).
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 99_999, character: 0 } }), null);
    const text = client.textOf(project.models);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionAt(text, text.indexOf('username')) });
    assert.ok(hover, 'a real hover is still answered');
  });

  it('drops work for old versions when newer edits arrive: publishes only ever move forward, and fewer than the edits', async () => {
    const big = generatedProject(500);
    const burstClient = await TestClient.start({ workspaceFolders: [big.root] });
    try {
      await burstClient.open(big.models);
      await burstClient.diagnosticsFor(big.models, 1, STALL_DEADLINE_MS);
      const edits = 40;
      let version = 1;
      for (let i = 0; i < edits; i++) {
        const text = burstClient.textOf(big.models);
        const at = text.indexOf('db.String(1', (i * 7919) % (text.length - 200)) + 'db.String('.length;
        version = await burstClient.edit(big.models, { start: positionAt(text, at), end: positionAt(text, at + 1) }, String(i % 10));
      }
      await burstClient.diagnosticsFor(big.models, version, STALL_DEADLINE_MS);
      const afterOpen = burstClient.publishLog.flatMap((p) => (p.uri === uriOf(big.models) && p.version !== undefined && p.version > 1 ? [p.version] : []));
      assert.deepEqual(
        afterOpen,
        [...afterOpen].sort((a, b) => a - b),
        'never an older version after a newer one',
      );
      assert.equal(afterOpen[afterOpen.length - 1], version);
      assert.ok(afterOpen.length < edits, `${afterOpen.length} publishes for ${edits} edits sent at once`);
    } finally {
      await burstClient.stop();
      rmSync(big.root, { recursive: true, force: true });
    }
  });

  it('an unclosed mapped_column( in a 50,000-line models file does not stall the server', async () => {
    const big = generatedProject(2500);
    const bigClient = await TestClient.start({ workspaceFolders: [big.root] });
    try {
      await bigClient.open(big.models);
      await bigClient.diagnosticsFor(big.models, 1, STALL_DEADLINE_MS);
      const text = bigClient.textOf(big.models);
      const at = positionAt(text, text.indexOf('    c_3 =', Math.floor(text.length / 2)));
      const version = await bigClient.edit(big.models, { start: at, end: at }, '    rating = db.Column(\n');
      const diagnostics = await bigClient.diagnosticsFor(big.models, version, STALL_DEADLINE_MS);
      // The project has no revision, so every table is pending; none of the broken class's columns reads as dropped.
      const codes = diagnostics.map((d) => String(d.code));
      assert.ok(codes.includes('findings-paused'), JSON.stringify(codes));
      assert.deepEqual(
        codes.filter((c) => /^(DS|BC)/.test(c)),
        [],
      );
      const hover = bigClient.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(big.models) }, position: at });
      await hover;
      assert.equal(bigClient.hasExited, false);
    } finally {
      await bigClient.stop();
      rmSync(big.root, { recursive: true, force: true });
    }
  });
});

describe('language server: exits when its parent is gone', () => {
  let project: TempProject;

  before(() => {
    project = makeProject('mg-lsp-exit-');
  });

  after(() => project?.remove());

  it('exits when stdin closes without a shutdown', async () => {
    const client = await TestClient.start({ workspaceFolders: [project.root] });
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
    client.closeInput();
    const exit = await client.exitedWithin(30_000);
    assert.equal(exit.code, 1, 'exit code 1: no shutdown was received');
  });

  it('exits when the processId given at initialize dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const parentExited = new Promise<void>((resolve) => parent.once('exit', () => resolve()));
    const client = await TestClient.start({ workspaceFolders: [project.root], processId: parent.pid ?? null });
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
    parent.kill();
    await parentExited;
    const exit = await client.exitedWithin(30_000);
    assert.notEqual(exit.code, null);
  });
});
