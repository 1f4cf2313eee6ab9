// 10,000 random seeded edits over the protocol, many of them leaving half-typed Python or unbalanced
// brackets, some with invalid positions (out of range, negative, fractional, null): the server must
// not crash, must answer every request before its deadline (a deadline only detects a stall; speed is
// measured in the bench), and its incremental state must match a fresh server's reading of the text.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes, HoverRequest, ResponseError, type Diagnostic, type Range } from 'vscode-languageserver-protocol/node';
import { positionAt, TestClient, uriOf } from './harness';
import { CLASSIC_MODELS_PY, makeProject, type TempProject } from './project';
import { seededRandom as prng } from '../support/random';

const EDITS = Number(process.env.MG_FUZZ_EDITS ?? 10_000);
const BURST = 100;
const SEED = Number(process.env.MG_FUZZ_SEED ?? 20261123);
/** Only to detect a stall (the server not answering at all); never a speed target. */
const DEADLINE_MS = 60_000;

function beforeDeadline<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${DEADLINE_MS} ms (seed ${SEED})`)), DEADLINE_MS)),
  );
  return Promise.race([promise, stall]).finally(() => clearTimeout(timer));
}

/** Positions no editor should send. */
const BAD_POSITIONS: unknown[] = [
  { line: 99_999, character: 3 },
  { line: 2, character: 99_999 },
  { line: -1, character: 0 },
  { line: 0, character: -5 },
  { line: 1.5, character: 0.5 },
  { line: 0, character: null },
  { line: null, character: 0 },
  null,
  'nowhere',
];

const SNIPPETS = [
  '(',
  ')',
  ',',
  ' ',
  '\n',
  '\n    ',
  ':',
  '=',
  '"',
  "'",
  '"""',
  '#',
  '\\',
  'é',
  '😀',
  '\t',
  'db.Column(',
  'db.String(',
  'nullable=False',
  'primary_key=True',
  'db.ForeignKey("user.id")',
  '\n    extra = db.Column(db.Integer, nullable=False)\n',
  '\nclass Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n',
  '__tablename__ = "x"',
  'Mapped[int]',
  ' = mapped_column(',
  '# migration-guard: ignore DS103',
  'server_default="0"',
  // Unbalanced brackets that stay open across classes.
  '(((',
  '[',
  '{',
  ' = db.Column(db.String(',
  '\nsettings = dict(\n',
  ')))',
];

/** The diagnostics a newly started server gives for `text` in this project. */
async function freshReading(project: TempProject, text: string): Promise<Diagnostic[]> {
  const fresh = await TestClient.start({ workspaceFolders: [project.root] });
  try {
    await fresh.open(project.models, text);
    return await fresh.diagnosticsFor(project.models, 1, DEADLINE_MS);
  } finally {
    await fresh.stop();
  }
}

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

  it(`survives ${EDITS} random edits (seed ${SEED}) and answers every request before its deadline`, async () => {
    const random = prng(SEED);
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
        if (random() < 0.02) {
          // An edit with invalid positions (clamped by the server), then the whole text to agree again.
          await client.rawChange(project.models, [{ range: { start: pick(BAD_POSITIONS), end: pick(BAD_POSITIONS) }, text: pick(SNIPPETS) }]);
          version = await client.resync(project.models);
        }
      }
      // The server keeps up: the latest version's diagnostics arrive, and requests are answered.
      await client.diagnosticsFor(project.models, version, DEADLINE_MS);
      const uri = uriOf(project.models);
      const middle = positionAt(client.textOf(project.models), Math.floor(client.textOf(project.models).length / 2));
      await beforeDeadline('hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: middle }));
      const bad = pick(BAD_POSITIONS);
      const answer = await beforeDeadline(
        'hover at a bad position',
        client.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position: bad }).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
      );
      if ('error' in answer)
        assert.ok(answer.error instanceof ResponseError && answer.error.code === ErrorCodes.InvalidParams, `${JSON.stringify(bad)}: ${String(answer.error)}`);
      else {
        const { line, character } = (bad ?? {}) as { line?: unknown; character?: unknown };
        assert.ok(
          [line, character].every((n) => Number.isInteger(n) && (n as number) >= 0),
          `hover at ${JSON.stringify(bad)} answered instead of refused`,
        );
      }
    }
    assert.equal(client.hasExited, false, client.stderr);
    assert.deepEqual(client.protocolErrors, []);

    // Incremental state equals a fresh server's reading of the same text, unless the text does not
    // parse (then the incremental side keeps its last good readings on purpose).
    const finalText = client.textOf(project.models);
    const strip = (list: Diagnostic[]) => list.map((d) => ({ ...d, data: undefined })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const paused = (list: Diagnostic[]) => list.some((d) => d.code === 'findings-paused');
    const incremental = await client.diagnosticsFor(project.models, version);
    const fresh = await freshReading(project, finalText);
    if (!paused(incremental) && !paused(fresh)) assert.deepEqual(strip(incremental), strip(fresh));
    // Back to the committed models as one edit over everything: in sync, as a fresh reading says.
    const text = client.textOf(project.models);
    version = await client.edit(project.models, { start: positionAt(text, 0), end: positionAt(text, text.length) }, CLASSIC_MODELS_PY);
    assert.deepEqual(strip(await client.diagnosticsFor(project.models, version)), strip(await freshReading(project, CLASSIC_MODELS_PY)));
    assert.deepEqual(await client.diagnosticsFor(project.models, version), []);
  });
});
