// Opening a `pg` connection with a timeout, and turning driver errors into messages a user can act on.
// Every message goes through redactSecrets and names the server without its password.
// Only the type here: the driver loads on the first connection, so verbs that never connect (check) do not pay for it.
import type { Client } from 'pg';
import { redactSecrets } from '../core/redact';
import { formatNumber } from '../core/locale';
import { describeUrl } from './url';
import * as l10n from '@vscode/l10n';

/** Why a connection failed, in words a user can act on. */
const TEXT = {
  get defaultUser() {
    return l10n.t('the default user');
  },
  get someUser() {
    return l10n.t('the user');
  },
  get someDatabase() {
    return l10n.t('the database');
  },
  host: (where: string, raw: string) => l10n.t('cannot connect to {0}: the host name does not resolve ({1}). Check the host in the database URL.', where, raw),
  port: (where: string) =>
    l10n.t('cannot connect to {0}: nothing accepts connections on that host and port. Is PostgreSQL running, and is the port right?', where),
  unreachable: (where: string, code: string) => l10n.t('cannot reach {0} ({1}). Check the host, the network and any firewall.', where, code),
  password: (user: string, where: string) =>
    l10n.t('password authentication failed for user "{0}" on {1}. Check the password in the database URL.', user, where),
  refused: (where: string, user: string, raw: string) => l10n.t('the server at {0} refused user "{1}": {2}', where, user, raw),
  noDatabase: (database: string, where: string) =>
    l10n.t('database "{0}" does not exist on {1}. Create it (createdb) or fix the database name in the URL.', database, where),
  timeout: (seconds: number, where: string) =>
    l10n.t(
      'timed out after {0} s connecting to {1}: the server does not answer. Check the host and port, the network and any firewall.',
      formatNumber(seconds),
      where,
    ),
  noPassword: (where: string, user: string) => l10n.t('the server at {0} asks for a password for user "{1}" and the URL gives none.', where, user),
  other: (where: string, raw: string) => l10n.t('cannot connect to {0}: {1}', where, raw),
  invalidUrl: (why: string) => l10n.t('the database URL is not valid: {0}', why),
};

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
    return decodeURIComponent(new URL(url).username) || TEXT.defaultUser;
  } catch {
    return TEXT.someUser;
  }
}

function databaseOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || userOf(url);
  } catch {
    return TEXT.someDatabase;
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
      return new DatabaseConnectError('host', TEXT.host(where, raw));
    case 'ECONNREFUSED':
      return new DatabaseConnectError('port', TEXT.port(where));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseConnectError('timeout', TEXT.unreachable(where, e.code));
    case '28P01':
      return new DatabaseConnectError('password', TEXT.password(userOf(url), where));
    case '28000':
      return new DatabaseConnectError('auth', TEXT.refused(where, userOf(url), raw));
    case '3D000':
      return new DatabaseConnectError('database', TEXT.noDatabase(databaseOf(url), where));
  }
  if (/timeout/i.test(raw)) {
    return new DatabaseConnectError('timeout', TEXT.timeout(Math.round(timeoutMs / 100) / 10, where));
  }
  if (/SASL|password must be a string|no password/i.test(raw)) {
    return new DatabaseConnectError('password', TEXT.noPassword(where, userOf(url)));
  }
  return new DatabaseConnectError('other', TEXT.other(where, raw));
}

/** A connected client; throws DatabaseConnectError with a clear message otherwise. */
export async function connectDatabase(url: string, opts: ConnectOptions = {}): Promise<Client> {
  const timeoutMs = opts.connectTimeoutMs ?? 10_000;
  const { Client } = await import('pg');
  let client: Client;
  try {
    client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: opts.applicationName ?? 'migration-guard' });
  } catch (error) {
    throw new DatabaseConnectError('other', TEXT.invalidUrl(redactSecrets(String((error as Error).message))));
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
