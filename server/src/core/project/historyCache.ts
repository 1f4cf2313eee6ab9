// The revision side of a project, cached: each revision file is parsed once per text (and never,
// when the persistent cache knows the text); the graph and the replayed head schema are rebuilt only
// after a revision file changed, and the replay is skipped when the cache holds it for these files.
import * as l10n from '@vscode/l10n';
import { NO_CACHE, type ProjectCache } from '../cache/projectCache';
import { RevisionGraph } from '../history/graph';
import { unloadableRevisionNotes } from '../history/importable';
import { historyDigest, listRevisionFiles, parseRevisionCached, revisionCached, type History } from '../history/load';
import { replayDialectOf, type ReplayDialect } from '../history/replay/dialect';
import type { ParsedRevision } from '../history/types';
import type { Uncertainty } from '../history/guardedReplay';
import { replayAt } from './cachedReplay';
import { findPluginHistoryDirs, withPluginHistories } from '../history/pluginHistories';
import { defaultUpgradeTarget, newRevisionParent, type RevisionParent } from '../history/parent';
import { resolveRevisionTypes, type RevisionTypeResolver } from '../history/revisionTypes';
import type { Schema } from '../schema/types';
import { conventionKey, isDefaultConvention, type NamingConvention } from '../schema/naming';
import type { Note } from '../source';
import type { Dialect } from './database';
import type { ProjectLocation } from './discover';

export interface HistoryState {
  revisions: ParsedRevision[];
  graph: RevisionGraph;
  heads: string[];
  /** Where a new revision goes (null: several heads and no rule to choose one). */
  revisionParent: RevisionParent | null;
  headSchema: Schema;
  /** Configuration, file, graph and replay notes. */
  notes: Note[];
  /** Graph errors and replay conflicts (several heads, a missing parent…), located on revision files where possible. */
  graphNotes: Note[];
  /** Tables of the head schema the replay could not follow exactly, with the first reason. */
  uncertain: Map<string, Uncertainty>;
}

/**
 * With no database configured, dialect tests in revisions are read for PostgreSQL: said once, at the
 * first such test, so a SQLite project that configures nothing learns why its branches are not taken.
 */
function assumedDialectNote(revisions: ParsedRevision[]): Note | null {
  for (const revision of revisions) {
    const first = [...revision.upgrade.notes, ...revision.downgrade.notes].find((n) => n.kind === 'dialect-branch');
    if (first?.location)
      return {
        severity: 'info',
        kind: 'config',
        message: l10n.t(
          'no database is configured (DATABASE_URL, SQLALCHEMY_DATABASE_URI, alembic.ini sqlalchemy.url or --database-url): dialect tests in the revisions are read for PostgreSQL',
        ),
        location: first.location,
      };
  }
  return null;
}

export class HistoryCache {
  private readonly parsed = new Map<string, { text: string; reading: string; revision: ParsedRevision }>();
  /** The target metadata's naming_convention the revisions are read with (from the models; null: SQLAlchemy's default). */
  private convention: NamingConvention | null = null;
  private files: { list: string[]; notes: Note[] } | null = null;
  private plugins: { dir: string; files: string[] }[] | null = null;
  private current: HistoryState | null = null;
  /** The project's reading of types revisions import (the latest given to state()). */
  private types: RevisionTypeResolver | null = null;
  /** When some revision imports a type: the revisions as parsed and the fingerprint `current` was replayed with. */
  private imported: { parsed: ParsedRevision[]; fingerprint: string } | null = null;

  constructor(
    private readonly location: ProjectLocation,
    private readonly readFile: (file: string) => string | null,
    private readonly cache: ProjectCache = NO_CACHE,
    /** The database the history runs on (what the replay takes as refused depends on it); PostgreSQL when not given. */
    private readonly dialect?: () => Dialect,
    /** Whether that dialect is the project's configured one (else PostgreSQL is assumed, and the notes say so). */
    private readonly configured?: () => boolean,
  ) {}

  /** What dialect tests in the revision bodies are read for. */
  private reading(): ReplayDialect {
    return replayDialectOf(this.dialect?.());
  }

  /** What a parse depends on besides the text: the dialect and the naming convention. */
  private readingKey(): string {
    return `${this.reading()}\u0000${conventionKey(this.convention)}`;
  }

  private parsedFor(file: string, text: string, reading: string): ParsedRevision | undefined {
    const known = this.parsed.get(file);
    return known && known.text === text && known.reading === reading ? known.revision : undefined;
  }

  /** Whether reading the history would need the parser (some revision file is neither parsed nor cached). */
  needsParse(): boolean {
    const reading = this.reading();
    const key = this.readingKey();
    const convention = this.convention ?? undefined;
    return [...this.revisionFiles().list, ...this.pluginFiles().flatMap((p) => p.files)].some((file) => {
      const text = this.readFile(file);
      return text !== null && !this.parsedFor(file, text, key) && !revisionCached(file, text, this.cache.revisions, reading, convention);
    });
  }

  /** A revision file changed, appeared or went away: re-list and replay on the next read. */
  invalidate(): void {
    this.files = null;
    this.plugins = null;
    this.current = null;
    this.imported = null;
  }

  private revisionFiles(): { list: string[]; notes: Note[] } {
    if (!this.files) {
      const notes: Note[] = [];
      const list = [...new Set(this.location.versionDirs.flatMap((dir) => listRevisionFiles(dir, this.location.recursive, notes)))];
      this.files = { list, notes };
    }
    return this.files;
  }

  /** Plugin histories (plugins/<name>/migrations) the app runs after the core's; see pluginHistories.ts. */
  private pluginFiles(): { dir: string; files: string[] }[] {
    if (!this.plugins) {
      const dirs = findPluginHistoryDirs(this.location.root, this.location.versionDirs, this.readFile);
      this.plugins = dirs.map((dir) => ({ dir, files: listRevisionFiles(dir, false, []) }));
    }
    return this.plugins;
  }

  private parse(file: string): ParsedRevision | null {
    const text = this.readFile(file);
    if (text === null) {
      this.parsed.delete(file);
      return null;
    }
    const reading = this.reading();
    const key = this.readingKey();
    const cached = this.parsedFor(file, text, key);
    if (cached) return cached;
    const revision = parseRevisionCached(file, text, this.cache.revisions, reading, this.convention ?? undefined);
    this.parsed.set(file, { text, reading: key, revision });
    return revision;
  }

  /**
   * `models`: the models' schema, the baseline for tables the history uses before creating them.
   * Taken when the history is (re)read, so editing a model does not move the baseline under the edit.
   * `types`: how the project's modules read types the revisions import; when a revision imports one
   * and its reading changed (its module was edited), the head is replayed again.
   */
  state(models: Schema | null = null, convention?: NamingConvention | null, types?: RevisionTypeResolver): HistoryState {
    // A changed convention names the revisions' unnamed objects differently: read them again.
    if (convention !== undefined && conventionKey(convention) !== conventionKey(this.convention)) {
      this.convention = isDefaultConvention(convention) ? null : convention;
      this.current = null;
    }
    if (types) this.types = types;
    if (this.current && !(types && this.imported && resolveRevisionTypes(this.imported.parsed, types).fingerprint !== this.imported.fingerprint)) {
      return this.current;
    }
    this.current = null;
    const files = this.revisionFiles();
    const plugins = this.pluginFiles();
    const keep = new Set([...files.list, ...plugins.flatMap((p) => p.files)]);
    for (const file of [...this.parsed.keys()]) if (!keep.has(file)) this.parsed.delete(file);
    const parsed = files.list.map((f) => this.parse(f)).filter((r): r is ParsedRevision => r !== null);
    const { revisions, fingerprint } = this.types ? resolveRevisionTypes(parsed, this.types) : { revisions: parsed, fingerprint: '' };
    this.imported = fingerprint === '' ? null : { parsed, fingerprint };
    const graph = new RevisionGraph(revisions);
    const fileNotes = revisions.flatMap((r) => r.notes);
    const assumed = this.configured?.() === false ? assumedDialectNote(revisions) : null;
    if (assumed) fileNotes.push(assumed);
    const history: History = {
      versionDirs: {
        scriptLocation: this.location.scriptLocation,
        versionDirs: this.location.versionDirs,
        recursive: this.location.recursive,
        ...(this.location.flaskAlembic ? { flaskAlembic: true } : {}),
        notes: this.location.notes,
      },
      revisions,
      graph,
      notes: [...files.notes, ...fileNotes, ...graph.notes],
    };
    const replayNotes: Note[] = [];
    let headSchema: Schema;
    let uncertain = new Map<string, Uncertainty>();
    if (graph.size === 0) {
      headSchema = { tables: {}, enums: {} };
    } else {
      const target = defaultUpgradeTarget(history.versionDirs);
      // The convention and the resolutions of imported types are part of what the replay depends on.
      const named = `${this.digest(files.list)}${this.convention ? `\u0000${conventionKey(this.convention)}` : ''}`;
      const digest = fingerprint === '' ? named : `${named}:${fingerprint}`;
      const replayed = replayAt(history, models, this.cache, digest, target, false, this.dialect?.());
      headSchema = replayed.schema;
      replayNotes.push(...replayed.notes);
      uncertain = replayed.uncertain;
    }
    const pluginNotes: Note[] = [];
    if (graph.size > 0 && plugins.length > 0) {
      // After the core's heads, as the app's plugin loader runs them.
      const withPlugins = withPluginHistories({
        root: this.location.root,
        dirs: plugins.map((p) => p.dir),
        schema: headSchema,
        models,
        uncertain,
        parse: (file) => this.parse(file),
      });
      headSchema = withPlugins.schema;
      uncertain = withPlugins.uncertain;
      pluginNotes.push(...withPlugins.notes);
    }
    this.current = {
      revisions,
      graph,
      heads: graph.heads,
      revisionParent: newRevisionParent(graph, history.versionDirs),
      headSchema,
      notes: [...history.notes, ...replayNotes, ...pluginNotes],
      // A file Alembic cannot load makes the whole history unusable: an error, never "in sync".
      graphNotes: [...files.notes.filter((n) => n.location), ...unloadableRevisionNotes(revisions), ...graph.notes, ...replayNotes],
      uncertain,
    };
    return this.current;
  }

  /** What the replay depends on: every revision file's path and text, in order (the project root is in the paths). */
  private digest(files: string[]): string {
    return historyDigest(
      files.flatMap((file) => {
        const text = this.parsed.get(file)?.text;
        return text === undefined ? [] : [{ file, text }];
      }),
      this.cache.revisions.contentHash?.bind(this.cache.revisions),
    );
  }

  /** Revisions from base to head, in the order an upgrade applies them. */
  upgradeOrder(): ParsedRevision[] {
    const { graph } = this.state();
    return graph.ordered.map((id) => graph.revisions.get(id)).filter((r): r is ParsedRevision => r !== undefined);
  }
}
