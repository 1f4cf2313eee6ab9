// 10,000 random edits over the protocol, many of them leaving half-typed Python: the server must
// not crash, must keep answering, and its incremental state must match a fresh read of the text.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HoverRequest, type Range } from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient, uriOf } from './harness';
import { makeProject, type TempProject } from './project';
import { seededRandom as prng } from '../support/random';

const EDITS = Number(process.env.MG_FUZZ_EDITS ?? 10_000);
const BURST = 100;


const SNIPPETS = [
  '(', ')', ',', ' ', '\n', '\n    ', ':', '=', '"', "'", '"""', '#', '\\', 'é', '😀', '\t',
  'db.Column(', 'db.String(', 'nullable=False', 'primary_key=True', 'db.ForeignKey("user.id")',
  '\n    extra = db.Column(db.Integer, nullable=False)\n', '\nclass Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n',
  '__tablename__ = "x"', 'Mapped[int]', ' = mapped_column(', '# migration-guard: ignore DS103', 'server_default="0"',
];

describe('language server fuzz', () => {
  let client: TestClient;
  let project: TempProject;

  before(async () => {
    project = makeProject('mg-lsp-fuzz-');
    client = await TestClient.start({ workspaceFolders: [project.root], settings: { debounceMs: Number(process.env.MG_FUZZ_DEBOUNCE ?? 5) } });
    await client.open(project.models);
    await client.diagnosticsFor(project.models, 1);
  });

  after(async () => {
    await client?.stop();
    project?.remove();
  });

  it(`survives ${EDITS} random edits and still answers`, async () => {
    const random = prng(20261123);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    let version = 1;
    const randomChange = (text: string) => {
      const start = Math.floor(random() * (text.length + 1));
      const shrink = text.length > 6000;
      const removeLength = random() < (shrink ? 0.8 : 0.4) ? Math.floor(random() * (shrink ? 200 : 12)) : 0;
      const end = Math.min(text.length, start + removeLength);
      const insert = random() < (shrink ? 0.2 : 0.7) ? pick(SNIPPETS) : '';
      return {
        lsp: { range: { start: positionAt(text, start), end: positionAt(text, end) }, newText: insert },
        after: text.slice(0, start) + insert + text.slice(end),
      };
    };
    let sent = 0;
    while (sent < EDITS) {
      const burstEnd = Math.min(EDITS, sent + BURST);
      while (sent < burstEnd) {
        // As editors do: mostly one change per notification, sometimes several (multi-cursor, replace-all).
        const count = random() < 0.5 ? 1 : Math.min(burstEnd - sent, 2 + Math.floor(random() * 30));
        let text = client.textOf(project.models);
        const changes: { range: Range; newText: string }[] = [];
        for (let i = 0; i < count; i++) {
          const change = randomChange(text);
          changes.push(change.lsp);
          text = change.after;
        }
        version = count === 1 ? await client.edit(project.models, changes[0]!.range, changes[0]!.newText) : await client.editMany(project.models, changes);
        sent += count;
      }
      // The server keeps up: the latest version's diagnostics arrive, and a request is answered.
      await client.diagnosticsFor(project.models, version, 30_000);
      const middle = positionAt(client.textOf(project.models), Math.floor(client.textOf(project.models).length / 2));
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(project.models) }, position: middle });
    }
    assert.equal(client.hasExited, false, client.stderr);
    assert.deepEqual(client.protocolErrors, []);

    // Incremental state equals a fresh read: reopening the same text gives the same diagnostics.
    const incremental = await client.diagnosticsFor(project.models, version);
    const finalText = client.textOf(project.models);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(project.models) } });
    await client.open(project.models, finalText);
    const fresh = await client.diagnosticsFor(project.models, 1);
    const strip = (list: typeof fresh) => list.map((d) => ({ ...d, data: undefined })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    assert.deepEqual(strip(incremental), strip(fresh));
  });
});
