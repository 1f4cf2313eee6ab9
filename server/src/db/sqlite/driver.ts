// The SQLite driver: the SQLite C library Python's `sqlite3` module links, driven over stdin/stdout
// (one JSON request and one JSON answer per line). It is the library `flask run` itself uses, so its
// file locks are the ones the app honours: a write waits for the app's write transaction (busy
// timeout), then fails with "database is locked"; neither side ever sees a half-written file.
// Why not a WASM build (node-sqlite3-wasm, sql.js, @sqlite.org/sqlite-wasm): see docs/sqlite.md.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as l10n from '@vscode/l10n';
import { splitTableKey } from '../../core/schema/tableKey';

export type SqliteValue = string | number | null | { blob: string };

export interface SqliteResult {
  columns: string[];
  rows: SqliteValue[][];
  /** Rows changed by an INSERT / UPDATE / DELETE (sqlite3's rowcount), -1 otherwise. */
  changes: number;
}

/** An error from SQLite itself (message as SQLite words it), or from the driver process. */
export class SqliteError extends Error {
  constructor(
    message: string,
    /** "locked" when another connection holds the lock past the busy timeout. */
    readonly kind: 'locked' | 'sql' | 'driver',
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

export const DRIVER_MESSAGES = {
  noPython: (python: string, why: string) =>
    l10n.t(
      "SQLite databases are opened through Python's sqlite3 module (the library your Flask app uses, so its file locks are honoured), and {0} could not be started: {1}. Set migrationGuard.pythonPath (or --python) to your project's Python.",
      python,
      why,
    ),
  tooOld: (version: string) =>
    l10n.t(
      'the SQLite library of this Python is {0}; Migration Guard needs SQLite 3.35 or newer (ALTER TABLE DROP COLUMN, RENAME COLUMN). Use a newer Python.',
      version,
    ),
  missing: (file: string) => l10n.t('the SQLite file {0} does not exist (yet): `flask db upgrade` or `migration-guard upgrade` creates it', file),
  get exited() {
    return l10n.t('the SQLite driver process exited unexpectedly');
  },
  cannotOpen: (file: string, why: string) => l10n.t('cannot open the SQLite file {0}: {1}', file, why),
  exitCode: (code: number | null, stderr: string) => l10n.t('exit code {0}: {1}', String(code), stderr),
  get unknownError() {
    return l10n.t('unknown error');
  },
};

const MIN_VERSION = [3, 35, 0];

const DRIVER_PY = String.raw`
import json, sqlite3, sys
def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n"); sys.stdout.flush()
def conv(v):
    if isinstance(v, (bytes, memoryview)): return {"blob": bytes(v).hex()}
    return v
path, timeout, create = sys.argv[1], float(sys.argv[2]), sys.argv[3] == "1"
try:
    uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + ("?mode=rwc" if create else "?mode=rw")
    con = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    out({"ready": True, "version": sqlite3.sqlite_version})
except Exception as e:
    out({"ready": False, "error": str(e), "version": sqlite3.sqlite_version}); sys.exit(0)
for line in sys.stdin:
    req = json.loads(line)
    try:
        if req.get("backup"):
            # A second, reading connection: allowed beside our own RESERVED lock, and it sees what we
            # migrate from. VACUUM INTO honours the busy timeout (the backup API would retry forever).
            src = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            try: src.execute("VACUUM INTO ?", (req["backup"],))
            finally: src.close()
            out({"id": req["id"], "ok": True, "columns": [], "rows": [], "changes": -1}); continue
        if req.get("restore"):
            src = sqlite3.connect("file:" + req["restore"] + "?mode=ro", uri=True); src.backup(con); src.close()
            out({"id": req["id"], "ok": True, "columns": [], "rows": [], "changes": -1}); continue
        cur = con.execute(req["sql"], req.get("params") or [])
        rows = [[conv(v) for v in r] for r in cur.fetchall()]
        cols = [d[0] for d in (cur.description or [])]
        out({"id": req["id"], "ok": True, "columns": cols, "rows": rows, "changes": cur.rowcount})
    except sqlite3.Error as e:
        out({"id": req["id"], "ok": False, "error": str(e), "in_transaction": con.in_transaction})
`;

export interface SqliteOpenOptions {
  /** The Python whose sqlite3 module opens the file. */
  python: string;
  /** How long a statement waits for another connection's lock (SQLite's busy timeout), ms. */
  busyTimeoutMs?: number;
  /** Create the file when missing (upgrade and stamp do, like `flask db upgrade`). */
  create?: boolean;
}

interface Pending {
  resolve: (r: SqliteResult) => void;
  reject: (e: Error) => void;
}

export class SqliteConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly file: string,
    /** SQLite's version, e.g. "3.40.1". */
    readonly version: string,
  ) {}

  static open(file: string, opts: SqliteOpenOptions): Promise<SqliteConnection> {
    const seconds = String(Math.max(0, opts.busyTimeoutMs ?? 10_000) / 1000);
    return new Promise((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = spawn(opts.python, ['-c', DRIVER_PY, file, seconds, opts.create ? '1' : '0'], {
          stdio: ['pipe', 'pipe', 'pipe'],
          env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
        });
      } catch (error) {
        reject(new SqliteError(DRIVER_MESSAGES.noPython(opts.python, (error as Error).message), 'driver'));
        return;
      }
      let stderr = '';
      let connection: SqliteConnection | null = null;
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
      child.on('error', (error) => reject(new SqliteError(DRIVER_MESSAGES.noPython(opts.python, error.message), 'driver')));
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        let message: {
          ready?: boolean;
          version?: string;
          error?: string;
          id?: number;
          ok?: boolean;
          columns?: string[];
          rows?: SqliteValue[][];
          changes?: number;
        };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          return;
        }
        if (connection === null) {
          if (!message.ready) {
            const missing = /unable to open/i.test(message.error ?? '') && !opts.create;
            reject(
              new SqliteError(
                missing ? DRIVER_MESSAGES.missing(file) : DRIVER_MESSAGES.cannotOpen(file, message.error ?? DRIVER_MESSAGES.unknownError),
                'driver',
              ),
            );
            child.stdin.end();
            return;
          }
          const version = message.version ?? '0';
          if (compareVersions(version, MIN_VERSION) < 0) {
            child.stdin.end();
            reject(new SqliteError(DRIVER_MESSAGES.tooOld(version), 'driver'));
            return;
          }
          connection = new SqliteConnection(child, file, version);
          resolve(connection);
          return;
        }
        connection.answer(message);
      });
      child.on('close', (code) => {
        if (connection === null)
          reject(new SqliteError(DRIVER_MESSAGES.noPython(opts.python, DRIVER_MESSAGES.exitCode(code, stderr.trim().split('\n').pop() ?? '')), 'driver'));
        else connection.failAll(stderr);
      });
    });
  }

  private answer(message: { id?: number; ok?: boolean; error?: string; columns?: string[]; rows?: SqliteValue[][]; changes?: number }): void {
    const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!waiting || message.id === undefined) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve({ columns: message.columns ?? [], rows: message.rows ?? [], changes: message.changes ?? -1 });
    else {
      const text = message.error ?? 'unknown SQLite error';
      waiting.reject(new SqliteError(text, /database is locked|database table is locked|busy/i.test(text) ? 'locked' : 'sql'));
    }
  }

  private failAll(stderr: string): void {
    this.closed = true;
    for (const waiting of this.pending.values())
      waiting.reject(new SqliteError(`${DRIVER_MESSAGES.exited}: ${stderr.trim().split('\n').pop() ?? ''}`, 'driver'));
    this.pending.clear();
  }

  private send(request: Record<string, unknown>): Promise<SqliteResult> {
    if (this.closed) return Promise.reject(new SqliteError(DRIVER_MESSAGES.exited, 'driver'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  /** Runs one statement (with ? parameters). */
  query(sql: string, params: (string | number | null)[] = []): Promise<SqliteResult> {
    return this.send({ sql, params });
  }

  /** A consistent copy of the whole database into `target` (VACUUM INTO, from a second reading connection). */
  backupTo(target: string): Promise<SqliteResult> {
    return this.send({ backup: target });
  }

  /** Replaces the whole database with the contents of `source` (backup API, under SQLite's locks). */
  restoreFrom(source: string): Promise<SqliteResult> {
    return this.send({ restore: source });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => {
      this.child.once('close', () => resolve());
      this.child.stdin.end();
    });
  }
}

function compareVersions(version: string, min: number[]): number {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    const diff = (parts[i] ?? 0) - (min[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** "a"."b" quoting for SQLite identifiers. */
export function sqliteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A table key (schema/tableKey.ts) as SQLite names the table: its own name, unquoted from the key
 * (`"weird.name"` is the table weird.name); a key in another schema as SQLAlchemy writes it there.
 */
export function sqliteTable(key: string): string {
  const { schema, name } = splitTableKey(key);
  return schema === null ? sqliteIdent(name) : `${sqliteIdent(schema)}.${sqliteIdent(name)}`;
}

export function sqliteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
