// Parsing the database flags every db verb shares (--connect-timeout, --lock-timeout), from their raw text.
import * as l10n from '@vscode/l10n';

/**
 * "1500ms", "3s", or a bare number in `bareUnit` → milliseconds; throws a message naming the flag
 * otherwise. Bare units follow PostgreSQL: lock_timeout counts milliseconds, connect_timeout seconds.
 */
export function parseDuration(value: string | undefined, flagName: string, fallbackMs: number, bareUnit: 'ms' | 's'): number {
  if (value === undefined) return fallbackMs;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(value);
  if (!match) throw new RangeError(l10n.t('{0} takes a duration such as 10s or 500ms (got "{1}")', `--${flagName}`, value));
  const amount = Number(match[1]);
  const unit = match[2]?.toLowerCase() ?? bareUnit;
  return Math.round(unit === 'ms' ? amount : amount * 1000);
}
