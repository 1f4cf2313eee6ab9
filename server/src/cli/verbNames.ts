// The CLI's verb names, in one list with no imports: registry.ts types its entries with it, and the
// launcher (launch/main.ts) keys its code cache by them without loading any verb.
export const VERB_NAMES = [
  'check',
  'revision',
  'merge',
  'sql',
  'upgrade',
  'downgrade',
  'current',
  'history',
  'heads',
  'stamp',
  'restore',
  'drift',
  'roundtrip',
  'schema',
  'explain',
] as const;

export type VerbName = (typeof VERB_NAMES)[number];
