// Drives the bundled dist/server.js over stdio as an editor would: initialize, open and edit
// documents, collect publishDiagnostics, answer workspace/applyEdit by writing to disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_NODE_ARGS } from '../../src/lsp/nodeArgs';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';

export const SERVER_JS = path.resolve(__dirname, '../../../dist/server.js');

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export function pathOf(uri: string): string {
  return fileURLToPath(uri);
}

export interface ReceivedDiagnostics {
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** Arrival order across all files, to tell which publish came after an edit. */
  sequence: number;
}

export interface TestClientOptions {
  workspaceFolders: string[];
  settings?: Record<string, unknown>;
  /** Whether the client supports CreateFile in workspace edits (VS Code does). */
  resourceOperations?: boolean;
  /** The processId sent in initialize (default: this test process). */
  processId?: number | null;
  /** The display language sent in initialize (VS Code sends its own, e.g. 'es'). */
  locale?: string;
}

/** Applies a positional edit list to a text (edits must not overlap). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const offsets = lineOffsets(text);
  const at = (p: Range['start']) => Math.min(text.length, (offsets[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, at(edit.range.start)) + edit.newText + out.slice(at(edit.range.end));
  return out;
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, ReceivedDiagnostics>();
  readonly logs: string[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly protocolErrors: string[] = [];
  /** Every publishDiagnostics in arrival order (uri and version). */
  readonly publishLog: { uri: string; version: number | undefined }[] = [];
  private stderrText = '';
  private sequence = 0;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private exited: { code: number | null; signal: string | null } | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: TestClientOptions,
  ) {
    if (!child.stdout || !child.stdin || !child.stderr) throw new Error('server stdio not piped');
    child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.wake();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onError(([error]) => this.protocolErrors.push(error.message));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, { version: params.version, diagnostics: params.diagnostics, sequence: ++this.sequence });
      this.publishLog.push({ uri: params.uri, version: params.version });
      this.wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.options.settings ?? {}));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      this.applyToDisk(params);
      return { applied: true };
    });
    this.connection.listen();
  }

  static async start(options: TestClientOptions): Promise<TestClient> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build" first`);
    // MG_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server under a test or bench.
    const nodeArgs = (process.env.MG_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...nodeArgs, SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(child, options);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: null,
      workspaceFolders: options.workspaceFolders.map((folder) => ({ uri: uriOf(folder), name: path.basename(folder) })),
      ...(options.locale ? { locale: options.locale } : {}),
      initializationOptions: { settings: options.settings ?? {} },
      capabilities: {
        workspace: {
          applyEdit: true,
          configuration: true,
          workspaceFolders: true,
          workspaceEdit: { documentChanges: true, resourceOperations: options.resourceOperations === false ? [] : ['create'] },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** CPU time (user + system, ms) the server process has used so far, from /proc (Linux only; null elsewhere). */
  serverCpuMs(): number | null {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      return Number.isFinite(ticks) ? ticks * 10 : null;
    } catch {
      return null;
    }
  }

  /** CPU time (ms) of the server's main thread alone: the rest is V8's helper threads (GC, optimizing compiler). */
  serverMainThreadCpuMs(): number | null {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/task/${this.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      return Number.isFinite(ticks) ? ticks * 10 : null;
    } catch {
      return null;
    }
  }

  /** The server's resident memory in MB (VmRSS from /proc; null elsewhere). */
  serverRssMb(): number | null {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : null;
    } catch {
      return null;
    }
  }

  get hasExited(): boolean {
    return this.exited !== null;
  }

  /** Closes the server's stdin, as an editor that goes away without a shutdown does. */
  closeInput(): void {
    this.child.stdin?.end();
  }

  /** Resolves with the exit code and signal once the server process is gone, or fails at the deadline. */
  exitedWithin(timeoutMs: number): Promise<{ code: number | null; signal: string | null }> {
    return this.waitFor('server exit', () => this.exited ?? undefined, timeoutMs);
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves when `check` returns a value (re-checked on every diagnostics publish), or fails at the deadline. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(probe);
        fn();
      };
      const probe = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          done(() => reject(error));
          return;
        }
        if (value !== undefined) done(() => resolve(value as T));
        else if (this.exited) done(() => reject(new Error(`server exited (${JSON.stringify(this.exited)}) while waiting for ${what}\n${this.stderrText}`)));
      };
      const timer = setTimeout(
        () =>
          done(() => reject(new Error(`timed out waiting for ${what}; last diagnostics: ${JSON.stringify([...this.diagnostics])}\n${this.logs.join('\n')}`))),
        timeoutMs,
      );
      this.waiters.add(probe);
      probe();
    });
  }

  /** The diagnostics of `file` published for `version` (or any version when the server sends none). */
  diagnosticsFor(file: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    return this.waitFor(
      `diagnostics for ${path.basename(file)} v${version ?? 'any'}`,
      () => {
        const got = this.diagnostics.get(uri);
        if (!got) return undefined;
        if (version !== undefined && got.version !== version) return undefined;
        return got.diagnostics;
      },
      timeoutMs,
    );
  }

  async open(file: string, text = readFileSync(file, 'utf8')): Promise<number> {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.diagnostics.delete(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text } });
    return 1;
  }

  textOf(file: string): string {
    const text = this.texts.get(uriOf(file));
    if (text === undefined) throw new Error(`${file} is not open`);
    return text;
  }

  /** Sends one incremental edit replacing `range` with `newText`; returns the new version. */
  async edit(file: string, range: Range, newText: string): Promise<number> {
    const uri = uriOf(file);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, applyTextEdits(this.textOf(file), [{ range, newText }]));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
    return version;
  }

  /** Sends several changes in one didChange, each range relative to the text the previous ones left (as LSP says). */
  async editMany(file: string, changes: { range: Range; newText: string }[]): Promise<number> {
    const uri = uriOf(file);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.textOf(file);
    for (const change of changes) text = applyTextEdits(text, [change]);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes.map((c) => ({ range: c.range, text: c.newText })),
    });
    return version;
  }

  /**
   * Sends changes as given (invalid positions included) with the next version; the client's copy of
   * the text is left alone, so follow with `resync` to make both sides agree again.
   */
  async rawChange(file: string, contentChanges: unknown[]): Promise<number> {
    const uri = uriOf(file);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /** Sends the client's whole text as one full-document change (next version). */
  async resync(file: string): Promise<number> {
    return this.rawChange(file, [{ text: this.textOf(file) }]);
  }

  /** Replaces the first occurrence of `search` in the open document. */
  async replace(file: string, search: string, replacement: string): Promise<number> {
    const text = this.textOf(file);
    const start = text.indexOf(search);
    if (start < 0) throw new Error(`"${search}" not found in ${path.basename(file)}`);
    return this.edit(file, { start: positionAt(text, start), end: positionAt(text, start + search.length) }, replacement);
  }

  private applyToDisk(params: ApplyWorkspaceEditParams): void {
    for (const change of params.edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        const file = pathOf(change.uri);
        mkdirSync(path.dirname(file), { recursive: true });
        if (!existsSync(file) || change.options?.overwrite) writeFileSync(file, '');
      } else {
        const file = pathOf(change.textDocument.uri);
        const open = this.texts.get(change.textDocument.uri);
        const before = open ?? (existsSync(file) ? readFileSync(file, 'utf8') : '');
        const after = applyTextEdits(before, change.edits as TextEdit[]);
        if (open !== undefined) this.texts.set(change.textDocument.uri, after);
        writeFileSync(file, after);
      }
    }
    for (const [uri, edits] of Object.entries(params.edit.changes ?? {})) {
      const file = pathOf(uri);
      writeFileSync(file, applyTextEdits(existsSync(file) ? readFileSync(file, 'utf8') : '', edits));
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await this.waitFor('server exit', () => (this.exited ? true : undefined), 5000).catch(() => this.child.kill());
    }
    this.connection.dispose();
  }
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
