// Opening a `pg` connection with a timeout, and turning driver errors into messages a user can act on.
// Every message goes through redactSecrets and names the server without its password.
// Only the type here: the driver loads on the first connection, so verbs that never connect (check) do not pay for it.
import type { Client } from 'pg';
import { redactSecrets } from '../core/redact';
import { describeUrl } from './url';
import { reasonText, type Reason } from '../core/reasons';

export type ConnectProblem = 'host' | 'port' | 'password' | 'database' | 'timeout' | 'auth' | 'other';

/** A connection failure with a user-facing message (no password in it). */
export class DatabaseConnectError extends Error {
  constructor(
    readonly problem: ConnectProblem,
    /** Why, as data (core/reasons.ts), for the extension to word in the user's language. */
    readonly reason: Reason,
  ) {
    super(redactSecrets(reasonText(reason)));
    this.name = 'DatabaseConnectError';
  }
}

export interface ConnectOptions {
  /** Milliseconds before giving up on an unreachable server (default 10 s). */
  connectTimeoutMs?: number;
  /** application_name shown in pg_stat_activity. */
  applicationName?: string;
}

interface PgErrorLike {
  code?: string;
  message?: string;
  hostname?: string;
}

/** The URL's user; null for the default one (or a URL that does not parse). */
function userOf(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).username) || null;
  } catch {
    return null;
  }
}

/** The URL's database (PostgreSQL's default is the user's name); null when unknown. */
function databaseOf(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || userOf(url);
  } catch {
    return null;
  }
}

/** A user-facing explanation of why connecting failed. */
export function explainConnectError(error: unknown, url: string, timeoutMs: number): DatabaseConnectError {
  const e = (error ?? {}) as PgErrorLike;
  const where = describeUrl(url);
  const raw = redactSecrets(String(e.message ?? error));
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseConnectError('host', { kind: 'connect-host', where, raw });
    case 'ECONNREFUSED':
      return new DatabaseConnectError('port', { kind: 'connect-port', where });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseConnectError('timeout', { kind: 'connect-unreachable', where, code: e.code });
    case '28P01':
      return new DatabaseConnectError('password', { kind: 'connect-password', user: userOf(url), where });
    case '28000':
      return new DatabaseConnectError('auth', { kind: 'connect-refused', user: userOf(url), where, raw });
    case '3D000':
      return new DatabaseConnectError('database', { kind: 'connect-no-database', database: databaseOf(url), where });
  }
  if (/timeout/i.test(raw)) {
    return new DatabaseConnectError('timeout', { kind: 'connect-timeout', seconds: Math.round(timeoutMs / 100) / 10, where });
  }
  if (/SASL|password must be a string|no password/i.test(raw)) {
    return new DatabaseConnectError('password', { kind: 'connect-no-password', user: userOf(url), where });
  }
  return new DatabaseConnectError('other', { kind: 'connect-other', where, raw });
}

/** A connected client; throws DatabaseConnectError with a clear message otherwise. */
export async function connectDatabase(url: string, opts: ConnectOptions = {}): Promise<Client> {
  const timeoutMs = opts.connectTimeoutMs ?? 10_000;
  const { Client } = await import('pg');
  let client: Client;
  try {
    client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: opts.applicationName ?? 'migration-guard' });
  } catch (error) {
    throw new DatabaseConnectError('other', { kind: 'invalid-url', why: redactSecrets(String((error as Error).message)) });
  }
  // An idle connection that errors later must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw explainConnectError(error, url, timeoutMs);
  }
  return client;
}

/** Runs fn on a fresh connection and always closes it. */
export async function withDatabase<T>(url: string, fn: (client: Client) => Promise<T>, opts: ConnectOptions = {}): Promise<T> {
  const client = await connectDatabase(url, opts);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
