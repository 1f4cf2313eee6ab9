// Opening a `pg` connection with a timeout, and turning driver errors into messages a user can act on.
// Every message goes through redactSecrets and names the server without its password.
import { Client } from 'pg';
import { redactSecrets } from '../core/redact';
import { describeUrl } from './url';

export type ConnectProblem = 'host' | 'port' | 'password' | 'database' | 'timeout' | 'auth' | 'other';

/** A connection failure with a user-facing message (no password in it). */
export class DatabaseConnectError extends Error {
  constructor(
    readonly problem: ConnectProblem,
    message: string,
  ) {
    super(redactSecrets(message));
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

function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || 'the default user';
  } catch {
    return 'the user';
  }
}

function databaseOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || userOf(url);
  } catch {
    return 'the database';
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
      return new DatabaseConnectError('host', `cannot connect to ${where}: the host name does not resolve (${raw}). Check the host in the database URL.`);
    case 'ECONNREFUSED':
      return new DatabaseConnectError(
        'port',
        `cannot connect to ${where}: nothing accepts connections on that host and port. Is PostgreSQL running, and is the port right?`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseConnectError('timeout', `cannot reach ${where} (${e.code}). Check the host, the network and any firewall.`);
    case '28P01':
      return new DatabaseConnectError(
        'password',
        `password authentication failed for user "${userOf(url)}" on ${where}. Check the password in the database URL.`,
      );
    case '28000':
      return new DatabaseConnectError('auth', `the server at ${where} refused user "${userOf(url)}": ${raw}`);
    case '3D000':
      return new DatabaseConnectError(
        'database',
        `database "${databaseOf(url)}" does not exist on ${where}. Create it (createdb) or fix the database name in the URL.`,
      );
  }
  if (/timeout/i.test(raw)) {
    return new DatabaseConnectError(
      'timeout',
      `timed out after ${Math.round(timeoutMs / 100) / 10} s connecting to ${where}: the server does not answer. Check the host and port, the network and any firewall.`,
    );
  }
  if (/SASL|password must be a string|no password/i.test(raw)) {
    return new DatabaseConnectError('password', `the server at ${where} asks for a password for user "${userOf(url)}" and the URL gives none.`);
  }
  return new DatabaseConnectError('other', `cannot connect to ${where}: ${raw}`);
}

/** A connected client; throws DatabaseConnectError with a clear message otherwise. */
export async function connectDatabase(url: string, opts: ConnectOptions = {}): Promise<Client> {
  const timeoutMs = opts.connectTimeoutMs ?? 10_000;
  let client: Client;
  try {
    client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: opts.applicationName ?? 'migration-guard' });
  } catch (error) {
    throw new DatabaseConnectError('other', `the database URL is not valid: ${redactSecrets(String((error as Error).message))}`);
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
