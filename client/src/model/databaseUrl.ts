// Pure: checks a database URL typed by the user before it is stored.
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
  if (SQLITE_SCHEME.test(value)) return /^sqlite(\+[a-z0-9]+)?:\/\/\/[^\s]+$/i.test(value) && !/:memory:/.test(value) ? null : 'A SQLite URL names a file: sqlite:///relative/app.db or sqlite:////absolute/app.db';
  if (!SCHEMES.test(value)) return 'Use a PostgreSQL URL (postgresql://user:password@host:5432/database), a SQLite file (sqlite:///app.db), or "embedded" for the built-in scratch PGlite database';
  try {
    const url = new URL(value.replace(SCHEMES, 'postgresql://'));
    if (!url.hostname && !url.searchParams.get('host')) return 'The URL names no host.';
  } catch {
    return 'This is not a valid URL (a password with special characters must be percent-encoded).';
  }
  return null;
}

/** The URL for display: the password replaced by ***. */
export function maskDatabaseUrl(url: string): string {
  return redactSecrets(url);
}
