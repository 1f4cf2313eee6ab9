// The embedded default: PGlite (PostgreSQL compiled to WebAssembly) served on a loopback port by
// pglite-socket, so the same `pg` code path talks to it as to a real server.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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

/** Starts PGlite and a socket server on a free loopback port; close() stops both. */
export async function startEmbeddedDatabase(opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const dataDir = opts.dataDir ?? null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: opts.maxConnections ?? 16 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
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
      await server.stop();
      await db.close();
    },
  };
}
