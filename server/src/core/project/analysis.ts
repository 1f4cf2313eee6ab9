// The pure per-project analysis facade: model files + revision files → model schema, head schema,
// pending changes and findings. Everything is cached: a keystroke in a model file reparses that one
// file incrementally, and the replayed head schema is reused until a revision file changes.
import { projectDialectInfo, type Dialect } from './database';
import path from 'node:path';
import type { Change } from '../diff/types';
import type { Finding, KnownRowCount } from '../findings';
import type { ParsedRevision } from '../history/types';
import type { ModelSchema } from '../models/types';
import type { TextChange } from '../python/parser';
import type { Schema } from '../schema/types';
import type { NamingConvention } from '../schema/naming';
import type { Note, Position } from '../source';
import type { ProjectCache } from '../cache/projectCache';
import { columnOrigins, type ColumnOrigins } from './columnOrigins';
import { columnStateAt, type ColumnState, type RevisionRef } from './columnState';
import type { ProjectLocation } from './discover';
import { HistoryCache, type HistoryState } from './historyCache';
import type { RevisionTypeResolver } from '../history/revisionTypes';
import { ModelCache } from './modelCache';
import { findModelFiles, isModelFileCandidate } from './modelFiles';
import { isPluginRevisionPath } from '../history/pluginHistories';
import { DiffMemo, planDiff, type PlannedDiff, type RenamePolicy } from '../diff';
import { findingsFor, type RenameReadings } from '../rules';
import type { RecordedRevisions, SeveralHeads } from '../rules/context';
import { comparedSchemas, filterUncertainty, readEnvFilters, type EnvFilters } from './envFilters';
import { columnFilterUncertainty } from './envColumnFilters';
import { importTimeEffects } from './importTimeTables';
import { withoutKeptDrops, type KeptDrop, type KeptDrops } from './keptDrops';
import { unnamedModelEffects } from './unnamedModelTables';
import { noModelsNote, softenUncertainColumns, softenUncertainFindings, withUnseenModels, withVersionedDoubts } from './uncertainFindings';
import { modelsNotFound, withoutComparison } from './uncertainFindings';
import { withPluginTables, withUnseenColumns } from './unseenColumns';
import type { LibrarySearch } from './sitePackages';

export interface ProjectOptions {
  /** Globs (relative to the root) restricting which .py files hold models. */
  modelGlobs?: string[];
  /** Roots of other projects nested inside this one. */
  otherRoots?: string[];
  /** Reads a file as the caller sees it (an open editor buffer wins over the disk); null when missing. */
  readFile: (file: string) => string | null;
  /** The project's persistent cache (parsed files and the replayed head); none: parse everything. */
  cache?: ProjectCache;
  /** A database URL given for this run (`--database-url`), over the project's configuration. */
  databaseUrl?: string;
  /** Where installed libraries are looked for (base classes from outside the project); default: the project's own virtual environment. */
  libraries?: LibrarySearch;
}

/** The project's dialect as the options and its configuration say (alembic.ini's own section's sqlalchemy.url). */
function configuredDialect(location: ProjectLocation, options: ProjectOptions): { dialect: Dialect; configured: boolean } {
  return projectDialectInfo(location.root, {
    ...(options.databaseUrl ? { explicit: options.databaseUrl, explicitLabel: '--database-url' } : {}),
    ...(location.iniSection ? { iniSection: location.iniSection } : {}),
  });
}

/** What the database adds, when one is connected: applied revisions and rows at risk. */
export interface DatabaseState {
  /** Revisions recorded in alembic_version. */
  current: string[];
  rowCounts: KnownRowCount[];
}

export interface ProjectResult {
  modelSchema: ModelSchema;
  /** The schema at the migration head (empty when there is no revision, or several heads). */
  headSchema: Schema;
  changes: Change[];
  findings: Finding[];
  /** Renames assumed by default (unambiguous pairs) and drop + add groups with several readings. */
  renames: RenameReadings;
  /** Every note: configuration, models, revision files and graph. */
  notes: Note[];
  graph: HistoryState['graph'];
  revisions: ParsedRevision[];
  /** Graph errors (duplicate ids, missing parents, several heads…) as notes with locations. */
  graphNotes: Note[];
  heads: string[];
  /** Where a new revision goes: down_revision and branch_labels (null: several heads, merge first). */
  revisionParent: HistoryState['revisionParent'];
  database: DatabaseState | null;
  /** Tables of the head schema the replay could not follow exactly (findings on them are info). */
  uncertainTables: string[];
  /** Head tables and columns a model may still own (import-time tables, unnamed models): never dropped by revision. */
  keptDrops: KeptDrops;
}

/**
 * Whether analysing this project needs tree-sitter: some model or revision file is not in the
 * persistent cache. (The CLI loads the parser only then; the language server always has it.)
 */
export function analysisNeedsParser(location: ProjectLocation, options: ProjectOptions): boolean {
  const cache = options.cache;
  if (!cache?.enabled) return true;
  for (const file of findModelFiles(location, { globs: options.modelGlobs, otherRoots: options.otherRoots })) {
    const text = options.readFile(file);
    if (text !== null && !cache.models.has(file, text)) return true;
  }
  const { dialect, configured } = configuredDialect(location, options);
  return new HistoryCache(
    location,
    options.readFile,
    cache,
    () => dialect,
    () => configured,
  ).needsParse();
}

/** The heads when there are several and no rule that picks one (Flask-Alembic's "default" branch is one), with their revision lines. */
function severalHeadsOf(history: HistoryState): SeveralHeads | null {
  if (history.revisionParent !== null || history.heads.length < 2) return null;
  const places = history.heads.flatMap((id) => {
    const location = history.graph.revisions.get(id)?.location;
    return location ? [location] : [];
  });
  return { heads: history.heads, places };
}

/** The database's recorded revisions as the rules see them, anchored on the (first) head's revision line. */
function recordedRevisions(database: DatabaseState, history: HistoryState): RecordedRevisions {
  const head = history.heads[0] ?? history.graph.ordered.at(-1);
  const place = head ? (history.graph.revisions.get(head)?.location ?? null) : null;
  return { current: database.current, known: (id) => history.graph.has(id), place };
}

export class ProjectAnalysis {
  private readonly models: ModelCache;
  private readonly history: HistoryCache;
  private cached: ProjectResult | null = null;
  private origins: ColumnOrigins | null = null;
  private database: DatabaseState | null = null;
  private discovered = false;
  /** The configured database's dialect, read once from the project's config (setDialect overrides). */
  private dialectValue: { dialect: Dialect; configured: boolean } | null = null;
  private inputs = 0;
  /** Per-table diff results: a keystroke re-diffs only the tables it touched. */
  private readonly diffMemo = new DiffMemo();
  private filtersValue: EnvFilters | null = null;

  constructor(
    readonly location: ProjectLocation,
    private readonly options: ProjectOptions,
  ) {
    this.models = new ModelCache(location.root, options.cache, options.libraries ?? { allowOutside: true });
    this.history = new HistoryCache(
      location,
      options.readFile,
      options.cache,
      () => this.dialect(),
      () => this.dialectInfo().configured,
    );
    // Read every model file now (the parser is ready by then), so later incremental edits apply
    // to exactly the text the editor had when it started sending them.
    this.discover();
  }

  /** Files that declare at least one model or Table(...). */
  get modelFiles(): string[] {
    return this.models.declaringFiles();
  }

  private discover(): void {
    if (this.discovered) return;
    this.discovered = true;
    for (const file of findModelFiles(this.location, { globs: this.options.modelGlobs, otherRoots: this.options.otherRoots })) {
      if (this.models.has(file)) continue;
      const text = this.options.readFile(file);
      if (text !== null) this.models.set(file, text);
    }
  }

  /** The target metadata's naming_convention as the models set it (null: SQLAlchemy's default); it names what revisions leave unnamed. */
  namingConvention(): NamingConvention | null {
    this.discover();
    return this.models.schema().namingConvention ?? null;
  }

  isModelFile(file: string): boolean {
    this.discover();
    return this.models.has(file);
  }

  /**
   * A .py file directly in a versions directory (or below one, when the project says recursive), or in a
   * plugin history's folder below the root (replayed after the core's heads: an edit there moves the head too).
   */
  isRevisionFile(file: string): boolean {
    if (!file.endsWith('.py')) return false;
    const within = (dir: string) => {
      const relative = path.relative(dir, file);
      return relative.startsWith('..') || path.isAbsolute(relative) ? null : relative;
    };
    const inVersions = this.location.versionDirs.some((dir) => {
      const relative = within(dir);
      return relative !== null && (this.location.recursive || !relative.includes(path.sep));
    });
    return inVersions || (isPluginRevisionPath(file) && within(this.location.root) !== null);
  }

  /** Whether a file not read yet would be a model file of this project. */
  acceptsModelFile(file: string): boolean {
    return !this.isRevisionFile(file) && isModelFileCandidate(this.location, file, { globs: this.options.modelGlobs, otherRoots: this.options.otherRoots });
  }

  setModelText(file: string, text: string): void {
    this.discover();
    if (this.models.set(file, text)) this.invalidateModels();
  }

  applyModelChange(file: string, change: TextChange): void {
    this.discover();
    try {
      this.models.apply(file, change);
    } finally {
      this.invalidateModels();
    }
  }

  /**
   * Whether reading the models met a library file that needs tree-sitter, not loaded yet (the CLI loads
   * it only when its cache lacks a file): then load it and call rereadModels().
   */
  librariesNeedParser(): boolean {
    this.discover();
    this.models.schema();
    return this.models.librariesNeedParser;
  }

  rereadModels(): void {
    this.models.reread();
    this.invalidateModels();
  }

  removeModelFile(file: string): void {
    if (this.models.remove(file)) this.invalidateModels();
  }

  /** A revision file was created, edited (buffer or disk) or deleted: the head schema must be replayed again. */
  revisionChanged(_file: string): void {
    this.history.invalidate();
    this.cached = null;
    this.origins = null;
    this.inputs++;
  }

  /** env.py's autogenerate filters, read once (a changed env.py makes the editor rediscover the project). */
  private envFilters(): EnvFilters {
    this.filtersValue ??= readEnvFilters(this.location.scriptLocation);
    return this.filtersValue;
  }

  /** The dialect the rules speak for: the editor's URL when it sent one, else the project's configuration. */
  dialect(): Dialect {
    return this.dialectInfo().dialect;
  }

  private dialectInfo(): { dialect: Dialect; configured: boolean } {
    this.dialectValue ??= configuredDialect(this.location, this.options);
    return this.dialectValue;
  }

  setDialect(dialect: Dialect | null): void {
    const next = dialect ? { dialect, configured: true } : configuredDialect(this.location, this.options);
    const now = this.dialectInfo();
    // What the replay takes as refused, and which dialect branches run, depend on the dialect.
    if (next.dialect !== now.dialect || next.configured !== now.configured) this.history.invalidate();
    this.dialectValue = next;
    this.cached = null;
    this.inputs++;
  }

  setDatabaseState(state: DatabaseState | null): void {
    this.database = state;
    this.cached = null;
    this.inputs++;
  }

  private invalidateModels(): void {
    this.cached = null;
    this.inputs++;
  }

  /** Bumped by every change of the inputs: work begun for an older generation can be dropped. */
  get generation(): number {
    return this.inputs;
  }

  /**
   * result() in steps (models, then history, then the diff), so that a caller can yield between
   * them and give up when the generation moves on (a newer edit arrived meanwhile).
   */
  *resultSteps(): Generator<void, ProjectResult> {
    if (!this.cached) {
      this.discover();
      const declared = this.models.schema();
      yield;
      this.history.state(declared.schema, declared.namingConvention ?? null, this.models.typeResolver());
      yield;
    }
    return this.result();
  }

  result(): ProjectResult {
    if (this.cached) return this.cached;
    this.discover();
    const declared = this.models.schema();
    const history = this.history.state(declared.schema, declared.namingConvention ?? null, this.models.typeResolver());
    const modelSchema = withPluginTables(withUnseenColumns(declared, history.headSchema).models, history.headSchema, this.models.usesContinuum());
    // What env.py's include_object / include_name leave out of autogenerate is not compared here either.
    const filters = this.envFilters();
    const compared = comparedSchemas(modelSchema, history.headSchema, filters);
    // Several heads and no rule to pick one: compared with every head applied, and MG004 at each head.
    const severalHeads = severalHeadsOf(history);
    const raw = findingsFor({
      models: compared.models,
      head: compared.head,
      rowCounts: this.database?.rowCounts ?? [],
      readText: (file) => this.options.readFile(file) ?? undefined,
      dialect: this.dialect(),
      diffMemo: this.diffMemo,
      ...(this.database ? { database: recordedRevisions(this.database, history) } : {}),
      ...(severalHeads ? { severalHeads } : {}),
    });
    const root = this.location.root;
    const where = (u: { location?: { file: string; range: { start: { line: number } } } }) =>
      u.location ? `${path.relative(root, u.location.file)}:${u.location.range.start.line + 1}: ` : '';
    const unseen = withUnseenModels(history.uncertain, modelSchema, history.headSchema);
    // What module-level calls handed model classes may build when the models are imported.
    const relative = (file: string) => path.relative(root, file);
    const importTime = importTimeEffects(modelSchema, history.headSchema, unseen, relative);
    // What models whose __tablename__ cannot be read may map.
    const unnamed = unnamedModelEffects(modelSchema, history.headSchema, importTime.uncertain, relative);
    const uncertain = filterUncertainty(withVersionedDoubts(unnamed.uncertain, modelSchema), compared.models.schema, compared.head, filters);
    const keptTables = new Map(unnamed.mayBeModels);
    for (const [table, u] of importTime.uncertain) if (!unseen.has(table) && !keptTables.has(table)) keptTables.set(table, u.reason);
    // A column test in env.py that cannot be read may leave out any column only the history has.
    const filteredColumns = columnFilterUncertainty(compared.models.schema, compared.head, filters.unreadableColumns);
    const softened = softenUncertainColumns(
      softenUncertainColumns(softenUncertainFindings(raw.findings, uncertain, where), importTime.columns),
      filteredColumns,
    );
    const modelsUnseen = unseen !== history.uncertain;
    const diff = { changes: raw.changes, renames: raw.renames, findings: softened };
    this.cached = {
      modelSchema,
      headSchema: history.headSchema,
      ...(modelsUnseen ? withoutComparison(diff) : diff),
      notes: [
        ...this.location.notes,
        ...filters.notes,
        ...modelSchema.notes,
        ...(severalHeads ? history.notes.filter((n) => n.kind !== 'multiple-heads') : history.notes),
        ...importTime.notes,
        ...unnamed.notes,
        ...(modelsUnseen ? [noModelsNote()] : []),
      ],
      graph: history.graph,
      revisions: history.revisions,
      // MG004 stands where the "several heads" note would (each head's revision line).
      graphNotes: severalHeads ? history.graphNotes.filter((n) => n.kind !== 'multiple-heads') : history.graphNotes,
      heads: history.heads,
      revisionParent: history.revisionParent,
      database: this.database,
      uncertainTables: [...uncertain.keys()].sort(),
      keptDrops: { tables: keptTables, columns: importTime.columns },
    };
    return this.cached;
  }

  /** How the project's modules read the types revisions import (the database verbs' history resolves them too). */
  revisionTypes(): RevisionTypeResolver {
    this.discover();
    return this.models.typeResolver();
  }

  /** Changes with the user's rename choices applied and the unambiguous renames assumed unless declined (what Create Migration and `revision` write). */
  changesWith(policy: RenamePolicy): PlannedDiff & { kept: KeptDrop[] } {
    const result = this.result();
    // No model found: nothing to plan (revision and Create Migration refuse before asking).
    if (modelsNotFound(result)) return { changes: [], problems: [], assumed: [], chosen: [], declined: [], ambiguous: [], kept: [] };
    const compared = comparedSchemas(result.modelSchema, result.headSchema, this.envFilters());
    const plan = planDiff(compared.head, compared.models.schema, { ...policy, unreadable: result.modelSchema.unreadable }, this.diffMemo);
    return withoutKeptDrops(plan, result.keptDrops);
  }

  columnStateAt(file: string, position: Position): ColumnState | null {
    const result = this.result();
    const byId = new Map(result.revisions.filter((r) => r.revision !== null).map((r) => [r.revision as string, r]));
    const revision = (id: string): RevisionRef | undefined => {
      const parsed = byId.get(id);
      return parsed ? { revision: id, message: parsed.message, file: parsed.path } : { revision: id, message: null, file: null };
    };
    const origins = () => (this.origins ??= columnOrigins(this.history.upgradeOrder().map((r) => ({ revision: r.revision ?? '', ops: r.upgrade.ops }))));
    return columnStateAt({ modelSchema: result.modelSchema, headSchema: result.headSchema, changes: result.changes, origins, revision }, file, position);
  }
}
