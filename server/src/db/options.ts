// Parsing the database flags every db verb shares (--connect-timeout, --lock-timeout), from their raw text.

/** "2", "0.5", "1500ms", "3s" → milliseconds; throws a message naming the flag on anything else. */
export function parseDuration(value: string | undefined, flagName: string, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(value);
  if (!match) throw new RangeError(`--${flagName} takes a duration such as 10, 2.5s or 500ms (got "${value}")`);
  const amount = Number(match[1]);
  return Math.round((match[2]?.toLowerCase() === 'ms' ? amount : amount * 1000));
}
