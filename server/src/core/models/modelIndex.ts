// The models of a project, kept up to date file by file. Each file's module facts are cached with
// the facts of its top-level chunks; an edit re-reads only the chunks whose text changed, then the
// schema is recomputed from the plain facts of all files (no tree walking), which keeps an edit fast.
// A chunk that does not parse keeps the last good reading of what it held (standIns.ts).
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { calleeName, type PyExpr } from '../python/expr';
import { splitAfterEdit, splitTopLevel, type TextChunk } from '../python/chunks';
import type { TextChange } from '../python/parser';
import type { Note } from '../source';
import { ClassClassifier, type ClassInfo } from './bases';
import { buildSchema } from './build';
import { BuildMemo } from './buildMemo';
import { ClassTableReader } from './classTables';
import { ColumnReadCache, environmentKey } from './columnCache';
import { ModuleContexts } from './context';
import type { ColumnDecl, ForeignKeyDecl, Qualify, TableDecl } from './decls';
import { parsedChunks, readModuleFacts, type ChunkCache, type ModuleFacts, type ParsedChunks } from './moduleFacts';
import { withStandIns } from './standIns';
import type { LibraryModules } from './libraryModules';
import { moduleNameOf, ProjectScope } from './scope';
import { emptyTableParts, readTableItem } from './tableArgs';
import { importTimeCalls } from './importTimeCalls';
import { isTableCall, moduleTables } from './tableObjects';
import type { ModelSchema, SourceFile, Unreadable } from './types';
import { targetConvention } from './targetConvention';
import { continuumTables } from './continuum';

interface CachedFile {
  text: string;
  /** What the text alone says. */
  raw: ModuleFacts;
  /** `raw` with stand-ins for what does not parse (standIns.ts). */
  facts: ModuleFacts;
  /** The facts of each chunk, by chunk text: an edit re-reads only the chunks whose text changed. */
  chunks: ChunkCache;
  /** The text's top-level chunks (absent with facts from the persistent cache): an edit splits again only near it. */
  split?: TextChunk[];
}

export interface ModelIndexOptions {
  /** The project directory: module names (for `from app.models import User`) are paths relative to it. */
  root?: string;
  /** The project's installed packages, where base classes from libraries are read (libraryModules.ts). */
  libraries?: LibraryModules;
}

function internalErrorNote(file: string | undefined, error: unknown): Note {
  return {
    severity: 'error',
    kind: 'internal-error',
    message: l10n.t('Migration Guard could not read this: {0}', (error as Error)?.message ?? String(error)),
    ...(file ? { location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } } : {}),
  };
}

export class ModelIndex {
  private readonly files = new Map<string, CachedFile>();
  private cached: ModelSchema | null = null;
  private readonly columnReads = new ColumnReadCache(true);
  private readonly builds = new BuildMemo();
  /** During compute(): its scope and modules, which the late-bound qualifiers read. */
  private reading: { scope: ProjectScope; modules: Map<string, ModuleFacts> } | null = null;
  private readonly qualifiers = new Map<string, Qualify>();
  /** The scope of the current facts, for readers outside the schema build (revisionTypes.ts); reset with `cached`. */
  private scopeValue: ProjectScope | null = null;

  constructor(private readonly options: ModelIndexOptions = {}) {}

  private identity(filePath: string) {
    const relative = this.options.root ? path.relative(this.options.root, filePath) : filePath;
    return { path: filePath, ...moduleNameOf(relative.startsWith('..') ? path.basename(filePath) : relative) };
  }

  private read(filePath: string, text: string, previous?: CachedFile, change?: TextChange, chunks?: ChunkCache): CachedFile {
    const identity = this.identity(filePath);
    try {
      const split = previous?.split && change ? splitAfterEdit(previous.split, text, change) : splitTopLevel(text);
      const { facts, cache } = readModuleFacts(text, identity, chunks ?? previous?.chunks, split);
      return { text, raw: facts, facts: withStandIns(facts, previous ?? null, text), chunks: cache, split };
    } catch (error) {
      const facts: ModuleFacts = {
        ...identity,
        imports: { aliases: new Map(), starModules: [], flaskDb: new Set() },
        classes: [],
        assignments: new Map(),
        calls: [],
        notes: [internalErrorNote(filePath, error)],
        broken: [],
      };
      return { text, raw: facts, facts, chunks: new Map() };
    }
  }

  /**
   * Adds or replaces a file. Requires `await initPythonParser()` once beforehand, unless `chunks` (the
   * persistent cache's parsedChunks for exactly this text) holds every chunk that needs the parser.
   */
  setFile(filePath: string, text: string, chunks?: ChunkCache): void {
    const previous = this.files.get(filePath);
    if (previous?.text === text) return;
    this.files.set(filePath, this.read(filePath, text, previous, undefined, chunks));
    this.cached = null;
    this.scopeValue = null;
  }

  /** The chunks of a file that tree-sitter parsed, with their facts (what the persistent cache stores). */
  parsedChunks(filePath: string): ParsedChunks | undefined {
    const file = this.files.get(filePath);
    return file ? parsedChunks(file.chunks) : undefined;
  }

  /** The facts read from a file's text alone (without stand-ins for what does not parse). */
  facts(filePath: string): ModuleFacts | undefined {
    return this.files.get(filePath)?.raw;
  }

  /** Applies one text change to a known file. Unknown files are ignored (returns false). */
  applyChange(filePath: string, change: TextChange): boolean {
    const file = this.files.get(filePath);
    if (!file) return false;
    if (change.start < 0 || change.end < change.start || change.end > file.text.length)
      throw new Error(`change [${change.start}, ${change.end}) is outside ${filePath} (${file.text.length} characters)`);
    const text = file.text.slice(0, change.start) + change.newText + file.text.slice(change.end);
    this.files.set(filePath, this.read(filePath, text, file, change));
    this.cached = null;
    this.scopeValue = null;
    return true;
  }

  removeFile(filePath: string): void {
    if (this.files.delete(filePath)) {
      this.cached = null;
      this.scopeValue = null;
    }
  }

  has(filePath: string): boolean {
    return this.files.has(filePath);
  }

  text(filePath: string): string | undefined {
    return this.files.get(filePath)?.text;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Files that declare at least one model class or Table(...) object. */
  modelFiles(): string[] {
    const schema = this.schema();
    const files = new Set<string>();
    for (const source of Object.values(schema.sources.tables)) files.add(source.location.file);
    return [...files];
  }

  schema(): ModelSchema {
    this.cached ??= this.compute();
    return this.cached;
  }

  /**
   * Whether the last reading met a library file that needs tree-sitter before it was loaded (the CLI
   * loads it only for files its cache lacks): load it, then call `reread()`.
   */
  get librariesNeedParser(): boolean {
    return this.options.libraries?.needsParser ?? false;
  }

  /** Reads the models again (after the parser was loaded, or an installed library changed). */
  reread(): void {
    this.cached = null;
    this.scopeValue = null;
  }

  /** Name resolution over the project's modules as they are now. */
  projectScope(): ProjectScope {
    this.scopeValue ??= new ProjectScope([...this.files.values()].map((f) => f.facts));
    return this.scopeValue;
  }

  dispose(): void {
    this.files.clear();
    this.cached = null;
    this.scopeValue = null;
  }

  /**
   * A module's qualify for this and later readings: the column reads kept between readings (and
   * the builds kept with them) hold this, not a closure over one reading's scope. Equal while the
   * environment is (ColumnReadCache), which is when those reads are reused.
   */
  private qualifierOf(module: ModuleFacts): Qualify {
    const file = module.path;
    let qualify = this.qualifiers.get(file);
    if (!qualify) {
      qualify = (dotted) => {
        const current = this.reading?.modules.get(file) ?? this.options.libraries?.moduleAt(file);
        if (!this.reading || !current) throw new Error(`${file} is not part of the models being read`);
        return this.reading.scope.qualifyIn(current, dotted);
      };
      this.qualifiers.set(file, qualify);
    }
    return qualify;
  }

  private compute(): ModelSchema {
    const modules = [...this.files.values()].map((f) => f.facts);
    const notes: Note[] = modules.flatMap((m) => m.notes);
    try {
      this.options.libraries?.beginReading();
      const scope = new ProjectScope(modules, this.options.libraries);
      this.reading = { scope, modules: new Map(modules.map((m) => [m.path, m])) };
      const classifier = new ClassClassifier(scope);
      const infos = classifier.all();
      let reader: ClassTableReader | null = null;
      const contexts = new ModuleContexts(
        scope,
        notes,
        {
          infoOf: (module, dotted) => findInfo(infos, scope, module, dotted),
          columnOfClassAttribute: (module, classDotted, attribute) => {
            const info = findInfo(infos, scope, module, classDotted);
            if (!info || !reader) return { problem: l10n.t('{0} is not a model class this tool could find', classDotted) };
            return reader.columnOf(info, attribute);
          },
        },
        (module) => this.qualifierOf(module),
      );
      this.columnReads.setEnvironment(environmentKey(modules));
      reader = new ClassTableReader(infos, contexts, this.columnReads);
      const tables: TableDecl[] = reader.tables();
      for (const module of modules) {
        tables.push(...moduleTables(module, contexts, (call) => classifier.tableConvention(module, call)));
      }
      attachModuleIndexes(modules, tables, contexts, scope, reader, infos);
      // SQLAlchemy-Continuum's tables, built at mapper configuration from the tables above.
      const versioned = continuumTables(modules, scope, infos, reader, tables);
      tables.push(...versioned.tables);
      for (const { message, location } of versioned.notes) notes.push({ severity: 'info', kind: 'versioned-tables', message, location });
      this.builds.begin(this.columnReads.environmentVersion);
      const built = buildSchema(tables, this.builds);
      this.builds.end();
      const unreadable = unreadableParts(modules, tables, built.sources.tables);
      const convention = targetConvention(tables);
      const unnamed = reader.unnamedModels();
      const calls = importTimeCalls(modules, {
        scope,
        qualify: (m, dotted) => scope.qualifyIn(m, dotted),
        tableOf: (m, dotted) => tableOf(m, dotted, infos, scope, reader, contexts),
      });
      return {
        schema: built.schema,
        sources: built.sources,
        notes: dedupeNotes([...notes, ...built.notes]),
        ...(unreadable.length > 0 ? { unreadable } : {}),
        ...(calls.length > 0 ? { importTimeCalls: calls } : {}),
        ...(convention ? { namingConvention: convention } : {}),
        ...(unnamed.length > 0 ? { unnamedModels: unnamed } : {}),
        ...(versioned.doubts.length > 0 ? { versionedDoubts: versioned.doubts } : {}),
      };
    } catch (error) {
      return { schema: { tables: {}, enums: {} }, sources: { tables: {}, enums: {} }, notes: [...notes, internalErrorNote(undefined, error)] };
    } finally {
      this.reading = null;
    }
  }
}

function findInfo(infos: ClassInfo[], scope: ProjectScope, module: ModuleFacts, dotted: string): ClassInfo | null {
  const symbol = scope.resolve(module, dotted);
  if (symbol?.kind !== 'class') return null;
  return infos.find((i) => i.cls === symbol.cls) ?? null;
}

/** The table a name written in a module stands for: a model class's, or a module-level Table object's. */
function tableOf(
  module: ModuleFacts,
  dotted: string,
  infos: ClassInfo[],
  scope: ProjectScope,
  reader: ClassTableReader,
  contexts: ModuleContexts,
): string | null {
  const symbol = scope.resolve(module, dotted);
  if (symbol?.kind === 'class') {
    const info = infos.find((i) => i.cls === symbol.cls);
    return info ? reader.tableNameOf(info) : null;
  }
  if (symbol?.kind === 'assignment' && isTableCall(symbol.fact.value, contexts.qualify(symbol.module))) {
    const name = symbol.fact.value.args[0];
    return name?.kind === 'str' ? name.value : null;
  }
  return null;
}

/** Module-level `Index("ix_name", User.email, ...)` (or `Index(..., user_table.c.email)`) calls. */
function attachModuleIndexes(
  modules: ModuleFacts[],
  tables: TableDecl[],
  contexts: ModuleContexts,
  scope: ProjectScope,
  reader: ClassTableReader,
  infos: ClassInfo[],
): void {
  for (const module of modules) {
    const qualify = contexts.qualify(module);
    for (const call of [...module.calls, ...[...module.assignments.values()].map((a) => a.value)]) {
      if (call.kind !== 'call' || qualify(calleeName(call) ?? '') !== 'sqlalchemy.Index') continue;
      const first = call.args[1];
      const owner = first?.kind === 'attr' ? first.object : undefined;
      const ownerName = owner ? calleeName(owner as PyExpr) : null;
      const info = ownerName ? findInfo(infos, scope, module, ownerName) : null;
      const tableName = info ? reader.tableNameOf(info) : null;
      const table = tables.find((t) => t.name === tableName);
      if (!table) {
        contexts.note(module, l10n.t('Index() on a column this tool cannot tie to a model; skipped'), call.range, 'unresolved-reference');
        continue;
      }
      const parts = emptyTableParts();
      readTableItem(call, parts, { qualify, resolveColumnRef: (e) => contexts.resolveColumnRef(module, e), note: (m, r, k) => contexts.note(module, m, r, k) });
      table.indexes.push(...parts.indexes.map((i) => ({ ...i, range: call.range })));
    }
  }
}

/** Non-literal flags, foreign keys whose target cannot be read, and the tables of classes that do not parse (see standIns.ts). */
function unreadableParts(modules: ModuleFacts[], tables: TableDecl[], sources: ModelSchema['sources']['tables']): Unreadable[] {
  const out: Unreadable[] = [];
  const unresolved = (fk: ForeignKeyDecl) => fk.targets.some((t) => 'problem' in t);
  for (const table of tables) {
    // Indexed: for...of allocates an iterator result per column in V8's interpreter (the first read).
    for (let i = 0; i < table.columns.length; i++) {
      const column = table.columns[i] as ColumnDecl;
      if (column.unreadableFlags) for (const flag of column.unreadableFlags) out.push({ kind: 'flag', table: table.name, column: column.name, flag });
      if (column.foreignKeys.some(unresolved)) out.push({ kind: 'foreignKey', table: table.name, column: column.name });
    }
    for (const fk of table.foreignKeys.filter(unresolved)) for (const column of fk.columns) out.push({ kind: 'foreignKey', table: table.name, column });
  }
  let pauseDrops = false;
  for (const module of modules) {
    if (module.unreadableClasses?.length) pauseDrops = true;
    const partial = new Set(module.classes.filter((c) => c.partial).map((c) => c.name));
    if (partial.size === 0) continue;
    // Without its __tablename__ a half-typed class may map a table this reading cannot name.
    if (module.classes.some((c) => c.partial && !c.dunders.has('__tablename__'))) pauseDrops = true;
    for (const [table, source] of Object.entries(sources)) {
      if (source.location.file === module.path && source.className !== null && partial.has(source.className)) out.push({ kind: 'table', table });
    }
  }
  if (pauseDrops) out.push({ kind: 'tableDrops' });
  return out;
}

function dedupeNotes(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    const key = JSON.stringify([note.kind, note.message, note.location]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One-shot extraction (after `await initPythonParser()`). */
export function extractModels(files: SourceFile[], options: ModelIndexOptions = {}): ModelSchema {
  const index = new ModelIndex(options);
  for (const file of files) index.setFile(file.path, file.text);
  const schema = index.schema();
  index.dispose();
  return schema;
}
