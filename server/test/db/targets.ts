// The two database targets every db test runs against: the real PostgreSQL server of the oracles
// (a throwaway database per test file) and an embedded PGlite (one instance per test file).
import type { TestContext } from 'node:test';
import { Client } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded';
import { IN_CI, missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

export type TargetKind = 'postgres' | 'pglite';
export const TARGET_KINDS: TargetKind[] = ['postgres', 'pglite'];

export interface Target {
  kind: TargetKind;
  url: string;
  /** A fresh, connected client; the caller ends it. */
  connect(): Promise<Client>;
  /** Drops every user object so the next test starts from an empty database. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function clientFor(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

const RESET_SQL = `
  drop schema if exists public cascade;
  drop schema if exists migration_guard_backup cascade;
  drop schema if exists audit cascade;
  create schema public;`;

/** Opens a target, or returns null (test skipped, or failed under CI) when PostgreSQL is not there. */
export async function openTarget(kind: TargetKind): Promise<Target | null> {
  if (kind === 'postgres') {
    const problem = await postgresProblem();
    if (problem !== null) {
      if (IN_CI) throw new Error(`oracle missing in CI: ${problem}`);
      return null;
    }
    const db: TestDatabase = await createTestDatabase('mg_db');
    return makeTarget(kind, db.url, () => db.drop());
  }
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase();
  return makeTarget(kind, embedded.url, () => embedded.close());
}

function makeTarget(kind: TargetKind, url: string, close: () => Promise<void>): Target {
  return {
    kind,
    url,
    connect: () => clientFor(url),
    async reset() {
      const client = await clientFor(url);
      try {
        await client.query(RESET_SQL);
      } finally {
        await client.end();
      }
    },
    close,
  };
}

/** Skips (or fails under CI) a test whose target could not be opened. */
export async function requireTarget(t: TestContext, target: Target | null): Promise<Target | undefined> {
  if (target) return target;
  missingOracle(t, (await postgresProblem()) ?? 'target unavailable');
  return undefined;
}

/** Runs fn with a connected client and always ends it. */
export async function withClient<T>(target: Target, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await target.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
