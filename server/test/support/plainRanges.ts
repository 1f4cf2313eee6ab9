// Ranges come in two shapes that mean the same: the literal `{ start, end }` (decoded from a cache,
// written by hand) and CompactRange (what the readers make, four numbers in one object). Tests that
// compare a cached reading with a fresh one deep-equal them after this, which turns every
// CompactRange into the literal shape and copies everything else as it is (Maps, Sets, undefined).
import { CompactRange } from '../../src/core/source';

export function plainRanges<T>(value: T): T {
  if (value instanceof CompactRange) return value.toJSON() as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainRanges) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, plainRanges(v)])) as T;
  if (value instanceof Set) return new Set([...value].map(plainRanges)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plainRanges((value as Record<string, unknown>)[key]);
  return out as T;
}
