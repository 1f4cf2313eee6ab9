// The persistent cache of one project, under <project>/.migration-guard/cache/: each revision file's
// parsed ops, each model file's facts, and the replayed head schema, keyed by content hash and tool
// build, so unchanged files are never parsed again. Injected wherever history and models are read
// (history/load.ts, project/historyCache.ts, project/modelCache.ts); `NO_CACHE` turns it off.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { ParsedRevision } from '../history/types';
import type { ParsedChunks } from '../models/moduleFacts';
import type { Uncertainty } from '../history/guardedReplay';
import type { Schema, TableSchema } from '../schema/types';
import type { Note } from '../source';
import { currentLocale } from '../locale';
import { ensureToolDir, TOOL_DIR } from '../project/toolDir';
import { PackCache, type FileCache } from './fileCache';
import { SplitPackCache } from './splitPack';
import { toolIdentity } from './toolIdentity';

export type { FileCache } from './fileCache';

/** The replayed schema at a revision spec, with what the replay itself found. */
export interface CachedReplay {
  schema: Schema;
  notes: Note[];
  uncertain: [string, Uncertainty][];
  /** The models' tables the replay read (a baseline for tables used before any revision creates them); 'all' when it listed them. */
  modelTables: [string, TableSchema | null][] | 'all';
  /** With 'all': the models' tables as JSON. */
  allModelTables?: string;
}

export interface ProjectCache {
  readonly enabled: boolean;
  readonly revisions: FileCache<ParsedRevision>;
  /** Per model file, the facts of the chunks that needed the parser (the others are read again). */
  readonly models: FileCache<ParsedChunks>;
  /** Keyed by revision spec ("head"); the text is a digest of every revision file's path and content. */
  readonly replays: FileCache<CachedReplay>;
  /** Writes what changed since it was opened (atomic renames). Never throws; a read-only disk just keeps nothing. */
  flush(): void;
  /** Drops what was read into memory once it is written (the next use reads the files again). */
  release(): void;
}

const nothing: FileCache<never> = { get: () => undefined, has: () => false, set: () => undefined };

/** No cache at all: every file is parsed. */
export const NO_CACHE: ProjectCache = {
  enabled: false,
  revisions: nothing,
  models: nothing,
  replays: nothing,
  flush: () => undefined,
  release: () => undefined,
};

export interface ProjectCacheOptions {
  /** Overrides the tool build the cache is keyed on (tests simulate an upgrade with it). */
  tool?: string;
}

export function cacheDirectory(projectRoot: string): string {
  return path.join(projectRoot, TOOL_DIR, 'cache');
}

/**
 * The cache of a discovered project (its root holds alembic.ini or migrations/). Nothing is created
 * until something is written; a folder that is not a project must not get one, so callers pass the
 * root discovery found.
 */
export function openProjectCache(projectRoot: string, options: ProjectCacheOptions = {}): ProjectCache {
  const dir = cacheDirectory(projectRoot);
  const tool = options.tool ?? toolIdentity();
  // Notes are worded in the language of the run that made them: each language keeps its own packs
  // (an English CLI and a Spanish editor on one project both stay warm).
  const language = currentLocale() === 'en' ? '' : `.${currentLocale()}`;
  // Two packs: the graph verbs (heads, current, a replay served from the cache) never decode the ops
  // (the bodies' notes are in the graph pack: the editor shows them on every start).
  const revisions = new SplitPackCache<ParsedRevision>(
    {
      head: { file: path.join(dir, `revision-graph${language}.cache`), identity: { kind: 'revision-graph', tool } },
      detail: { file: path.join(dir, `revision-bodies${language}.cache`), identity: { kind: 'revision-bodies', tool } },
    },
    { root: projectRoot, fileToken: true, structured: false, lazy: ['upgrade.ops', 'downgrade.ops'] },
  );
  const models = new PackCache<ParsedChunks>(
    path.join(dir, `models${language}.cache`),
    { kind: 'models', tool },
    { root: projectRoot, fileToken: true, structured: true },
  );
  const replays = new PackCache<CachedReplay>(
    path.join(dir, `replays${language}.cache`),
    { kind: 'replays', tool },
    { root: projectRoot, fileToken: false, structured: false },
  );
  return {
    enabled: true,
    revisions,
    models,
    replays,
    flush() {
      const packs = [revisions, models, replays];
      if (!packs.some((pack) => pack.mayWrite())) return;
      try {
        // .migration-guard/ ignores itself, so git never picks up the cache.
        ensureToolDir(projectRoot, 'cache');
      } catch {
        return; // read-only project: no cache, same results
      }
      for (const pack of packs) pack.flush();
      // The single revisions pack of earlier builds (one file holding graph and bodies) is never read again.
      try {
        rmSync(path.join(dir, `revisions${language}.cache`), { force: true });
      } catch {
        // left where it is: nothing reads it
      }
    },
    release() {
      for (const pack of [revisions, models, replays]) pack.release();
    },
  };
}
