// The embedded default: PGlite (PostgreSQL compiled to WebAssembly) served on a loopback port by
// pglite-socket, so the same `pg` code path talks to it as to a real server.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureToolDir, TOOL_DIR } from '../core/project/toolDir';
// Only types here: PGlite (its own 640 KB bundle and its WebAssembly) loads when an embedded database starts.
import type { PGlite } from '@electric-sql/pglite';
import * as l10n from '@vscode/l10n';

export interface EmbeddedDatabase {
  /** postgresql://postgres@127.0.0.1:PORT/postgres — PGlite ignores the credentials. */
  url: string;
  port: number;
  /** Null for an in-memory scratch database. */
  dataDir: string | null;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where PGlite keeps its files; omit (or null) for an in-memory database. */
  dataDir?: string | null;
  /** How many `pg` connections may be open at once (PGlite runs one statement at a time behind them). */
  maxConnections?: number;
}

/** The project's persistent embedded database: DIR/.migration-guard/pglite (git-ignored). */
export function projectDataDir(projectDir: string): string {
  return join(projectDir, '.migration-guard', 'pglite');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite files must never be opened by two processes at once (the editor and a terminal CLI, say):
 * a lock file next to the data dir holds the owner's pid; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          l10n.t('the embedded database in {0} is in use by process {1}; close it there (or wait for it to finish) and try again', dataDir, String(owner)),
          {
            cause: error,
          },
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(l10n.t('cannot lock the embedded database in {0}', dataDir));
}

/** Starts PGlite and a socket server on a free loopback port; close() stops both. */
export async function startEmbeddedDatabase(opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const [pglite, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  const dataDir = opts.dataDir ?? null;
  if (dataDir && basename(dirname(dataDir)) === TOOL_DIR) ensureToolDir(dirname(dirname(dataDir)), basename(dataDir));
  else if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = dataDir ? await pglite.PGlite.create(dataDir) : await pglite.PGlite.create();
  } catch (error) {
    unlock();
    throw error;
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: opts.maxConnections ?? 16 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    unlock();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').pop());
  let closed = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await server.stop();
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
