// Pure: checks a database URL typed by the user before it is stored.
import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../../../server/src/core/redact';

const SCHEMES = /^(postgres|postgresql)(\+[a-z0-9]+)?:\/\//i;
const SQLITE_SCHEME = /^sqlite(\+[a-z0-9]+)?:\/\//i;

/** The word that selects the embedded PGlite database under the project's .migration-guard/ (the CLI's `--database-url embedded`). */
export const EMBEDDED = 'embedded';

export function isEmbedded(url: string): boolean {
  return url.trim().toLowerCase() === EMBEDDED;
}

/** An error message for the input box, or null when the URL is acceptable. Empty input clears the URL. */
export function validateDatabaseUrl(text: string): string | null {
  const value = text.trim();
  if (value === '' || isEmbedded(value)) return null;
  if (SQLITE_SCHEME.test(value))
    return /^sqlite(\+[a-z0-9]+)?:\/\/\/[^\s]+$/i.test(value) && !/:memory:/.test(value)
      ? null
      : l10n.t('A SQLite URL names a file: sqlite:///relative/app.db or sqlite:////absolute/app.db');
  if (!SCHEMES.test(value))
    return l10n.t(
      'Use a PostgreSQL URL (postgresql://user:password@host:5432/database), a SQLite file (sqlite:///app.db), or "embedded" for the built-in scratch PGlite database',
    );
  try {
    const url = new URL(value.replace(SCHEMES, 'postgresql://'));
    if (!url.hostname && !url.searchParams.get('host')) return l10n.t('The URL names no host.');
  } catch {
    return l10n.t('This is not a valid URL (a password with special characters must be percent-encoded).');
  }
  return null;
}

/** The URL for display: the password replaced by ***. */
export function maskDatabaseUrl(url: string): string {
  return redactSecrets(url);
}

export type DialectName = 'PostgreSQL' | 'SQLite' | 'MySQL' | 'MariaDB' | 'SQL Server' | 'Oracle';

const DIALECTS: [RegExp, DialectName][] = [
  [/^postgres(ql)?\b/i, 'PostgreSQL'],
  [/^sqlite\b/i, 'SQLite'],
  [/^mysql\b/i, 'MySQL'],
  [/^mariadb\b/i, 'MariaDB'],
  [/^mssql\b/i, 'SQL Server'],
  [/^oracle\b/i, 'Oracle'],
];

/**
 * The dialect a URL names, from its scheme (`postgresql+psycopg2://` → PostgreSQL); null when it names none.
 * The embedded database is PGlite, a PostgreSQL.
 */
export function dialectOfUrl(url: string): DialectName | null {
  const text = url.trim();
  if (isEmbedded(text)) return 'PostgreSQL';
  const scheme = /^([a-z0-9+._-]+):/i.exec(text)?.[1] ?? '';
  return DIALECTS.find(([pattern]) => pattern.test(scheme))?.[1] ?? null;
}

/**
 * The URL with the password put in, percent-encoded, for a server URL typed without one; null when the
 * URL has no user to put a password for (or already holds one).
 */
export function withPassword(url: string, password: string): string | null {
  const match = /^([a-z0-9+._-]+:\/\/)([^:@/?#]+)(@.*)$/i.exec(url.trim());
  if (!match) return null;
  return `${match[1]}${match[2]}:${encodeURIComponent(password)}${match[3]}`;
}

/** The user a password would be asked for ("app@localhost"), or null when the URL has no user or already a password. */
export function passwordPrompt(url: string): string | null {
  const match = /^[a-z0-9+._-]+:\/\/([^:@/?#]+)@([^/:?#]*)/i.exec(url.trim());
  return match ? `${decodeURIComponent(match[1] as string)}@${match[2] || 'localhost'}` : null;
}
