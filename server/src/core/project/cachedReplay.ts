// The head schema replayed from the revisions, or read from the persistent cache. The replay depends
// on the revision files (the digest) and, where a table is used before any revision creates it, on
// the models' version of that table: the tables the replay read from the models are recorded with
// the entry, and a cached replay is used only while the models still declare exactly those.
import type { CachedReplay, ProjectCache } from '../cache/projectCache';
import type { RevisionGraph } from '../history/graph';
import { newReplayGuard, type Uncertainty } from '../history/guardedReplay';
import type { History } from '../history/load';
import { schemaAtRevision } from '../history/schemaAtRevision';
import type { Schema, TableSchema } from '../schema/types';
import type { Dialect } from './database';
import type { Note } from '../source';

export interface ReplayedHead {
  schema: Schema;
  /** What the replay itself found (conflicts, heads, baselines); body notes stay on their revisions. */
  notes: Note[];
  uncertain: Map<string, Uncertainty>;
}

/** The models as the replay sees them, noting every table it looks up (all of them if it lists them). */
function recordingModels(models: Schema, read: Map<string, TableSchema | null>, listed: { all: boolean }): Schema {
  const tables = new Proxy(models.tables, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as TableSchema | undefined;
      if (typeof key === 'string') read.set(key, Object.hasOwn(target, key) ? (value ?? null) : null);
      return value;
    },
    has(target, key) {
      if (typeof key === 'string') read.set(key, Object.hasOwn(target, key) ? (target[key] ?? null) : null);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      listed.all = true;
      return Reflect.ownKeys(target);
    },
  });
  return { ...models, tables };
}

function sameModelTables(cached: CachedReplay, models: Schema | null): boolean {
  if (cached.modelTables === 'all') return JSON.stringify(models?.tables ?? null) === cached.allModelTables;
  for (const [name, table] of cached.modelTables) {
    const now = models && Object.hasOwn(models.tables, name) ? (models.tables[name] ?? null) : null;
    if (JSON.stringify(now) !== JSON.stringify(table)) return false;
  }
  return true;
}

/**
 * The schema at `spec`, replayed or from the cache. `allNotes`: every note the replay gives, body
 * notes included, in order (what `schema --from migrations` prints); otherwise only what the replay
 * itself found, placed on the heads (the analysis keeps body notes on their revisions).
 */
export function replayAt(
  history: History,
  models: Schema | null,
  cache: ProjectCache,
  digest: string,
  spec: string,
  allNotes: boolean,
  dialect?: Dialect,
): ReplayedHead {
  // PostgreSQL refuses steps other databases accept: each dialect has its own replay.
  const key = `${spec}\u0000${allNotes ? 'all' : 'replay'}${dialect && dialect !== 'postgresql' ? `\u0000${dialect}` : ''}`;
  const cached = cache.replays.get(key, digest);
  if (cached && sameModelTables(cached, models)) return { schema: cached.schema, notes: cached.notes, uncertain: new Map(cached.uncertain) };
  const read = new Map<string, TableSchema | null>();
  const listed = { all: false };
  const guard = newReplayGuard(models && cache.enabled ? recordingModels(models, read, listed) : models, dialect);
  const replayed = schemaAtRevision(history, spec, guard);
  let notes = replayed.notes;
  if (!allNotes) {
    const bodyNotes = new Set(history.revisions.flatMap((r) => [...r.upgrade.notes, ...r.downgrade.notes]));
    notes = notes.filter((n) => !bodyNotes.has(n)).flatMap((n) => locateOnHeads(n, history.graph));
  }
  cache.replays.set(key, digest, {
    schema: replayed.schema,
    notes,
    uncertain: [...guard.uncertain],
    modelTables: listed.all ? 'all' : [...read],
    ...(listed.all ? { allModelTables: JSON.stringify(models?.tables ?? null) } : {}),
  });
  return { schema: replayed.schema, notes, uncertain: guard.uncertain };
}

/** A "several heads" note belongs on each head's revision file, where the user fixes it. */
function locateOnHeads(note: Note, graph: RevisionGraph): Note[] {
  if (note.location) return [note];
  if (note.kind !== 'multiple-heads') return [note];
  return graph.heads.flatMap((id) => {
    const revision = graph.revisions.get(id);
    return revision ? [{ ...note, location: revision.location }] : [];
  });
}
