// Every CLI verb, in the order the help lists them. Add a verb: write commands/<verb>.ts and list it here.
// Verb modules load on demand: a run loads only its own verb, so `schema`/`history`/`heads` never pay for
// `pg`, PGlite or sql-formatter, which only the database and SQL verbs use.
import type { CliCommand } from './command';
import type { VerbName } from './verbNames';

export interface VerbEntry {
  /** Listed in verbNames.ts too (the launcher's code cache is kept per verb). */
  name: VerbName;
  load(): Promise<CliCommand>;
}

export const verbs: VerbEntry[] = [
  { name: 'check', load: async () => (await import('./commands/check')).checkCommand },
  { name: 'revision', load: async () => (await import('./commands/revision')).revisionCommand },
  { name: 'merge', load: async () => (await import('./commands/merge')).mergeCommand },
  { name: 'sql', load: async () => (await import('./commands/sql')).sqlCommand },
  { name: 'upgrade', load: async () => (await import('./commands/upgrade')).upgradeCommand },
  { name: 'downgrade', load: async () => (await import('./commands/downgrade')).downgradeCommand },
  { name: 'current', load: async () => (await import('./commands/current')).currentCommand },
  { name: 'history', load: async () => (await import('./commands/history')).historyCommand },
  { name: 'heads', load: async () => (await import('./commands/heads')).headsCommand },
  { name: 'stamp', load: async () => (await import('./commands/stamp')).stampCommand },
  { name: 'restore', load: async () => (await import('./commands/restore')).restoreCommand },
  { name: 'drift', load: async () => (await import('./commands/drift')).driftCommand },
  { name: 'roundtrip', load: async () => (await import('./commands/roundtrip')).roundtripCommand },
  { name: 'schema', load: async () => (await import('./commands/schema')).schemaCommand },
  { name: 'explain', load: async () => (await import('./commands/explain')).explainCommand },
];

/** Every verb loaded (for the full help text). */
export function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(verbs.map((v) => v.load()));
}
