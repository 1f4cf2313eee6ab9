// Runs dist/cli.js in a child process (never in an untrusted workspace: callers check trust first).
// The database URL travels in the child's environment, never on its command line, so it is not
// visible in process listings. Cancelling kills the child; PostgreSQL then rolls back its transaction.
import { spawn } from 'node:child_process';
import { EMBEDDED, isEmbedded } from '../model/databaseUrl';

export interface CliInvocation {
  cliPath: string;
  args: string[];
  cwd: string;
  /** Explicit database URL for this run, passed as DATABASE_URL; undefined lets the CLI resolve its own. */
  databaseUrl?: string;
  /** Node executable; in VS Code's extension host process.execPath is Electron, run as plain Node. */
  nodePath?: string;
  signal?: AbortSignal;
  /** Called with each stderr line as it arrives (progress, warnings). */
  onStderrLine?: (line: string) => void;
  /** The project id (root URI); a `#SECTION` fragment is alembic.ini's section, passed as `--name`. */
  project?: string;
}

/** alembic.ini's section a project id names (the server's projectUri); undefined for [alembic]. */
export function sectionOfProject(project: string | undefined): string | undefined {
  const hash = project?.indexOf('#') ?? -1;
  if (project === undefined || hash < 0 || hash === project.length - 1) return undefined;
  try {
    return decodeURIComponent(project.slice(hash + 1));
  } catch {
    return undefined;
  }
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  cancelled: boolean;
}

export function runCli(inv: CliInvocation): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' };
    const section = sectionOfProject(inv.project);
    // Right after the verb: a `--` later in the arguments must not swallow it.
    const args = [inv.cliPath, ...inv.args.slice(0, 1), ...(section === undefined ? [] : ['--name', section]), ...inv.args.slice(1)];
    // "embedded" holds no secret and is a CLI choice, not a URL the environment could carry.
    if (inv.databaseUrl !== undefined && isEmbedded(inv.databaseUrl)) args.push('--database-url', EMBEDDED);
    else if (inv.databaseUrl !== undefined) env.DATABASE_URL = inv.databaseUrl;
    const child = spawn(inv.nodePath ?? process.execPath, args, { cwd: inv.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let cancelled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) inv.onStderrLine?.(line);
    });
    const abort = (): void => {
      cancelled = true;
      child.kill('SIGTERM');
    };
    if (inv.signal?.aborted) abort();
    inv.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => {
      inv.signal?.removeEventListener('abort', abort);
      reject(error);
    });
    child.on('close', (code, signal) => {
      inv.signal?.removeEventListener('abort', abort);
      if (partial) inv.onStderrLine?.(partial);
      resolve({ exitCode: code ?? (signal ? 130 : 2), stdout, stderr, cancelled });
    });
  });
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs one database CLI command at a time per project directory. The embedded database can be opened by one
 * process only, and a preview, a move and a `current` read of the same database should not interleave anyway.
 */
export function runCliQueued(inv: CliInvocation): Promise<CliResult> {
  const previous = queues.get(inv.cwd) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => runCli(inv));
  queues.set(inv.cwd, next);
  const forget = (): void => {
    if (queues.get(inv.cwd) === next) queues.delete(inv.cwd);
  };
  next.then(forget, forget);
  return next;
}

/** Parses the CLI's `--format json` stdout; a verb that failed before printing JSON yields undefined. */
export function parseJsonOutput(stdout: string): unknown {
  const text = stdout.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Some verbs print progress before the JSON document: take the last line that parses.
    const lines = text.split('\n').reverse();
    for (const line of lines) {
      try {
        return JSON.parse(line);
      } catch {
        /* keep looking */
      }
    }
    return undefined;
  }
}
