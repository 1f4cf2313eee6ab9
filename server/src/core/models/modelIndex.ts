// The models of a project, kept up to date file by file. Each file's parse tree and module facts
// are cached; an edit reparses that file incrementally and re-reads only its facts, then the schema
// is recomputed from the plain facts of all files (no tree walking), which keeps an edit fast.
import path from 'node:path';
import { calleeName, type PyExpr } from '../python/expr';
import { parsePython, reparsePython, type SyntaxTree, type TextChange } from '../python/parser';
import type { Note } from '../source';
import { ClassClassifier, type ClassInfo } from './bases';
import { buildSchema } from './build';
import { ClassTableReader } from './classTables';
import { ColumnReadCache, environmentKey } from './columnCache';
import { ModuleContexts } from './context';
import type { TableDecl } from './decls';
import { readModuleFacts, type ModuleFacts, type StatementCache } from './moduleFacts';
import { moduleNameOf, ProjectScope } from './scope';
import { emptyTableParts, readTableItem } from './tableArgs';
import { moduleTables } from './tableObjects';
import type { ModelSchema, SourceFile } from './types';

interface CachedFile {
  text: string;
  /** Null when the facts came from the persistent cache: the file is parsed at its first edit. */
  tree: SyntaxTree | null;
  facts: ModuleFacts;
  statements: StatementCache;
}

export interface ModelIndexOptions {
  /** The project directory: module names (for `from app.models import User`) are paths relative to it. */
  root?: string;
}

function internalErrorNote(file: string | undefined, error: unknown): Note {
  return { severity: 'error', kind: 'internal-error', message: `Migration Guard could not read this: ${(error as Error)?.message ?? String(error)}`, ...(file ? { location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } } : {}) };
}

export class ModelIndex {
  private readonly files = new Map<string, CachedFile>();
  private cached: ModelSchema | null = null;
  private readonly columnReads = new ColumnReadCache();

  constructor(private readonly options: ModelIndexOptions = {}) {}

  private identity(filePath: string) {
    const relative = this.options.root ? path.relative(this.options.root, filePath) : filePath;
    return { path: filePath, ...moduleNameOf(relative.startsWith('..') ? path.basename(filePath) : relative) };
  }

  private read(filePath: string, text: string, tree: SyntaxTree, previous?: StatementCache): CachedFile {
    try {
      const { facts, cache } = readModuleFacts(tree, this.identity(filePath), previous);
      return { text, tree, facts, statements: cache };
    } catch (error) {
      const identity = this.identity(filePath);
      const facts: ModuleFacts = { ...identity, imports: { aliases: new Map(), starModules: [], flaskDb: new Set() }, classes: [], assignments: new Map(), calls: [], notes: [internalErrorNote(filePath, error)] };
      return { text, tree, facts, statements: new Map() };
    }
  }

  /** Adds or replaces a file (full parse). Requires `await initPythonParser()` once beforehand. */
  setFile(filePath: string, text: string): void {
    const previous = this.files.get(filePath);
    if (previous?.text === text) return;
    const tree = parsePython(text);
    previous?.tree?.delete();
    this.files.set(filePath, this.read(filePath, text, tree, previous?.statements));
    this.cached = null;
  }

  /** Adds or replaces a file with facts read before (the persistent cache holds them for exactly this text). */
  setFacts(filePath: string, text: string, facts: ModuleFacts): void {
    const previous = this.files.get(filePath);
    if (previous?.text === text) return;
    previous?.tree?.delete();
    this.files.set(filePath, { text, tree: null, facts, statements: new Map() });
    this.cached = null;
  }

  /** The facts read from a file (what the persistent cache stores). */
  facts(filePath: string): ModuleFacts | undefined {
    return this.files.get(filePath)?.facts;
  }

  /** Applies one text change to a known file, reparsing incrementally. Unknown files are ignored (returns false). */
  applyChange(filePath: string, change: TextChange): boolean {
    const file = this.files.get(filePath);
    if (!file) return false;
    if (!file.tree) {
      // Facts from the cache: no tree to edit yet, so parse the edited text in full once.
      const text = file.text.slice(0, change.start) + change.newText + file.text.slice(change.end);
      this.files.set(filePath, this.read(filePath, text, parsePython(text), file.statements));
      this.cached = null;
      return true;
    }
    const { tree, text } = reparsePython(file.tree, file.text, change);
    file.tree.delete();
    this.files.set(filePath, this.read(filePath, text, tree, file.statements));
    this.cached = null;
    return true;
  }

  removeFile(filePath: string): void {
    this.files.get(filePath)?.tree?.delete();
    if (this.files.delete(filePath)) this.cached = null;
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

  /** Frees the parse trees (web-tree-sitter memory lives outside the JS heap). */
  dispose(): void {
    for (const file of this.files.values()) file.tree?.delete();
    this.files.clear();
    this.cached = null;
  }

  private compute(): ModelSchema {
    const modules = [...this.files.values()].map((f) => f.facts);
    const notes: Note[] = modules.flatMap((m) => m.notes);
    try {
      const scope = new ProjectScope(modules);
      const classifier = new ClassClassifier(scope);
      const infos = classifier.all();
      let reader: ClassTableReader | null = null;
      const contexts = new ModuleContexts(scope, notes, {
        infoOf: (module, dotted) => findInfo(infos, scope, module, dotted),
        columnOfClassAttribute: (module, classDotted, attribute) => {
          const info = findInfo(infos, scope, module, classDotted);
          if (!info || !reader) return { problem: `${classDotted} is not a model class this tool could find` };
          return reader.columnOf(info, attribute);
        },
      });
      this.columnReads.setEnvironment(environmentKey(modules));
      reader = new ClassTableReader(infos, contexts, this.columnReads);
      const tables: TableDecl[] = reader.tables();
      for (const module of modules) {
        tables.push(...moduleTables(module, contexts, (call) => classifier.tableConvention(module, call)));
      }
      attachModuleIndexes(modules, tables, contexts, scope, reader, infos);
      const built = buildSchema(tables);
      return { schema: built.schema, sources: built.sources, notes: dedupeNotes([...notes, ...built.notes]) };
    } catch (error) {
      return { schema: { tables: {}, enums: {} }, sources: { tables: {}, enums: {} }, notes: [...notes, internalErrorNote(undefined, error)] };
    }
  }
}

function findInfo(infos: ClassInfo[], scope: ProjectScope, module: ModuleFacts, dotted: string): ClassInfo | null {
  const symbol = scope.resolve(module, dotted);
  if (symbol?.kind !== 'class') return null;
  return infos.find((i) => i.cls === symbol.cls) ?? null;
}

/** Module-level `Index("ix_name", User.email, ...)` (or `Index(..., user_table.c.email)`) calls. */
function attachModuleIndexes(modules: ModuleFacts[], tables: TableDecl[], contexts: ModuleContexts, scope: ProjectScope, reader: ClassTableReader, infos: ClassInfo[]): void {
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
        contexts.note(module, 'Index() on a column this tool cannot tie to a model; skipped', call.range, 'unresolved-reference');
        continue;
      }
      const parts = emptyTableParts();
      readTableItem(call, parts, { qualify, resolveColumnRef: (e) => contexts.resolveColumnRef(module, e), note: (m, r, k) => contexts.note(module, m, r, k) });
      table.indexes.push(...parts.indexes.map((i) => ({ ...i, range: call.range })));
    }
  }
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
