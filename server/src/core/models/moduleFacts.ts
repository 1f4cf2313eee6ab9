// One module's facts: its imports, classes, module-level assignments and calls. The text is split
// into top-level chunks (core/python/chunks.ts) that are parsed one by one, so an unclosed bracket
// reaches only the next class, and an edit re-reads only the chunks whose text changed: the facts of
// the others come from the previous read, moved to their new line. No parse tree outlives its read.
import * as l10n from '@vscode/l10n';
import { nodeRange, readAtRow, type PyExpr } from '../python/expr';
import { splitTopLevel, type TextChunk } from '../python/chunks';
import { applyImportActions, emptyImportMap, readImportActions, type ImportAction, type ImportMap } from '../python/imports';
import { parsePython } from '../python/parser';
import type { FunctionFact } from './functionFacts';
import { readQuickClass } from './quickClass';
import type { Note, Range } from '../source';
import { firstSyntaxErrors, readStatement, shiftLines, topLevel, type AssignmentFact, type ClassFact, type StatementFacts } from './statementFacts';

export type { AssignmentFact, AttributeFact, ClassFact } from './statementFacts';

/** A top-level chunk that does not parse. What it held is taken from the last reading that parsed. */
export interface BrokenRegion {
  /** The chunk's first syntax error (where the "findings paused" note goes). */
  errorRange: Range;
  /** The whole chunk. */
  range: Range;
  /** Names after a `class` at the start of a line of the chunk: the classes it holds or swallowed. */
  declaredClasses: string[];
  /** Names assigned at the start of a line (`name = …`, `name: T = …`). */
  assignedNames: string[];
  /** What could be read of its classes and assignments despite the error (used only when nothing parsed before). */
  partialClasses: ClassFact[];
  partialAssignments: Map<string, AssignmentFact>;
}

export interface ModuleFacts {
  path: string;
  moduleName: string;
  isPackage: boolean;
  imports: ImportMap;
  classes: ClassFact[];
  /** Module-level `name = value` (last one wins). */
  assignments: Map<string, AssignmentFact>;
  /** Module-level bare calls, e.g. `Index("ix_x", User.email)`. */
  calls: PyExpr[];
  /** Module-level functions (last one wins), as far as tables go (functionFacts.ts). */
  functions?: Map<string, FunctionFact>;
  notes: Note[];
  /** Chunks that do not parse (their statements are not in the lists above). */
  broken: BrokenRegion[];
  /** Classes inside broken chunks that nothing could be read of (no earlier reading, no partial one). */
  unreadableClasses?: string[];
  /** A module of an installed library (site-packages), read for the base classes models derive from. */
  library?: boolean;
}

export interface ModuleIdentity {
  path: string;
  moduleName: string;
  isPackage: boolean;
}

/** What one chunk contributes, with positions for the line it was read at. */
export interface ChunkFacts {
  row: number;
  /** Read by the quick reader (no parse tree): reading it again is cheaper than storing it. */
  quick?: true;
  statements: StatementFacts[];
  imports: ImportAction[];
  errors: Note[];
  broken: BrokenRegion | null;
}

/** Chunk facts of the previous read, keyed by the chunk's text. */
export type ChunkCache = Map<string, ChunkFacts>;

/**
 * What the persistent cache keeps of a file: the facts of the chunks tree-sitter had to parse, by
 * chunk text. The quick reader's chunks are read again: faster than decoding them (the facts of the
 * 50,000-line file are 41 MB of JSON, 1.2 s to decode, against ~0.5 s to read the text again).
 */
export type ParsedChunks = [string, ChunkFacts][];

export function parsedChunks(cache: ChunkCache): ParsedChunks {
  return [...cache].filter(([, facts]) => !facts.quick);
}

const MAX_SYNTAX_NOTES = 5;
const MESSAGES = {
  get unexpectedIndent() {
    return l10n.t('syntax error: unexpected indent (Python refuses this line)');
  },
};
const CLASS_AT_LINE_START = /^class[ \t]+([A-Za-z_][A-Za-z0-9_]*)/gm;
const NAME_ASSIGNED_AT_LINE_START = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::|=(?!=))/gm;

function namesMatching(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1] as string))];
}

function endOf(text: string): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: text.length - lineStart };
}

/** Off only while a test compares the quick reader with tree-sitter's reading (withTreeSitterOnly). */
let quickReading = true;

/** Runs `read` with every chunk parsed by tree-sitter, as before the quick reader (for tests). */
export function withTreeSitterOnly<T>(read: () => T): T {
  const saved = quickReading;
  quickReading = false;
  try {
    return read();
  } finally {
    quickReading = saved;
  }
}

/** Reads one chunk alone; positions are made absolute by `row`. A plain class needs no parse tree (quickClass.ts). */
function readChunk(text: string, row: number, identity: ModuleIdentity): ChunkFacts {
  const quick = quickReading ? readQuickClass(text, row) : null;
  if (quick) return { row, quick: true, statements: quick.statements, imports: quick.imports, errors: [], broken: null };
  return parseChunk(text, row, identity);
}

let chunksParsed = 0;

/** How many chunks tree-sitter has parsed in this process (tests check that a cached reopen parses none). */
export function parsedChunkCount(): number {
  return chunksParsed;
}

/** Parses one chunk alone with tree-sitter. Exported for the test that compares it with the quick reader. */
export function parseChunk(text: string, row: number, identity: ModuleIdentity): ChunkFacts {
  chunksParsed++;
  const tree = parsePython(text);
  try {
    return readAtRow(row, () => {
      const root = tree.rootNode;
      const statements: StatementFacts[] = [];
      for (const statement of topLevel(root)) {
        if (statement.type === 'comment' || statement.type.endsWith('import_statement')) continue;
        statements.push(readStatement(statement));
      }
      const imports = readImportActions(root, { moduleName: identity.moduleName, isPackage: identity.isPackage });
      // tree-sitter accepts an indented statement at module level; Python refuses it (IndentationError).
      // A statement after `;` on the same line (`from dotenv import load_dotenv; load_dotenv()`) is not indented.
      const strayIndent = root.namedChildren.find(
        (c, i) => c !== null && c.type !== 'comment' && c.startPosition.column > 0 && root.namedChildren[i - 1]?.endPosition.row !== c.startPosition.row,
      );
      if (!root.hasError && !strayIndent) return { row, statements, imports, errors: [], broken: null };
      const errors = root.hasError ? firstSyntaxErrors(root, identity.path, MAX_SYNTAX_NOTES) : [];
      if (errors.length === 0 && strayIndent)
        errors.push({
          severity: 'warning',
          kind: 'parse-error',
          message: MESSAGES.unexpectedIndent,
          location: { file: identity.path, range: nodeRange(strayIndent) },
        });
      const end = endOf(text);
      const broken: BrokenRegion = {
        errorRange: errors[0]?.location?.range ?? { start: { line: row, character: 0 }, end: { line: row, character: 0 } },
        range: { start: { line: row, character: 0 }, end: { line: row + end.line, character: end.character } },
        declaredClasses: namesMatching(text, CLASS_AT_LINE_START),
        assignedNames: namesMatching(text, NAME_ASSIGNED_AT_LINE_START),
        partialClasses: statements.flatMap((s) => (s.kind === 'class' ? [s.fact] : [])),
        partialAssignments: new Map(statements.flatMap((s) => (s.kind === 'assignment' ? [[s.name, s.fact] as const] : []))),
      };
      return { row, statements: [], imports, errors, broken };
    });
  } finally {
    tree.delete();
  }
}

const STARTS_BLOCK = /^(?:class|def|async)\b|^@/;
const INDENTED_CODE_LINE = /\n[ \t]+[^\s#]/;

/**
 * Stray code at the start of a line inside a class (`x` typed at column 0) ends the class there and
 * leaves the rest of its body as an indented syntax error. Then that class is broken too: it moves
 * from `classes` into the region, so that its last good reading stands in for it.
 */
function cutShort(region: BrokenRegion, chunkText: string, justBefore: ClassFact[], classes: ClassFact[]): BrokenRegion {
  if (justBefore.length === 0 || STARTS_BLOCK.test(chunkText) || !INDENTED_CODE_LINE.test(chunkText)) return region;
  for (const cls of justBefore) classes.splice(classes.indexOf(cls), 1);
  return {
    ...region,
    declaredClasses: [...justBefore.map((c) => c.name), ...region.declaredClasses],
    partialClasses: [...justBefore, ...region.partialClasses],
  };
}

/**
 * The text as a string of its own. A chunk is a slice of the whole document, and V8 keeps a slice's
 * parent alive: the names and values read from it (slices too) would keep every past version of the
 * document in memory for as long as the chunk's facts are reused. JSON round-trips every UTF-16 unit.
 */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Reads a module's facts (after `await initPythonParser()`). `cache` is what the previous read of
 * the same file returned: chunks with the same text are not parsed again. `chunks`: the text's
 * split when the caller has it already (splitAfterEdit).
 */
export function readModuleFacts(
  text: string,
  identity: ModuleIdentity,
  cache?: ChunkCache,
  chunks: TextChunk[] = splitTopLevel(text),
): { facts: ModuleFacts; cache: ChunkCache } {
  const facts: ModuleFacts = { ...identity, imports: emptyImportMap(), classes: [], assignments: new Map(), calls: [], notes: [], broken: [] };
  const nextCache: ChunkCache = new Map();
  // The classes of the chunk just before, in case stray code cut their body short.
  let classesJustBefore: ClassFact[] = [];
  for (const chunk of chunks) {
    const previous = cache?.get(chunk.text) ?? nextCache.get(chunk.text);
    const read = previous ? shiftLines(previous, chunk.row - previous.row) : readChunk(ownCopy(chunk.text), chunk.row, identity);
    read.row = chunk.row;
    nextCache.set(chunk.text, read);
    applyImportActions(read.imports, facts.imports);
    facts.notes.push(...read.errors.slice(0, MAX_SYNTAX_NOTES - facts.notes.length));
    if (read.broken) {
      facts.broken.push(cutShort(read.broken, chunk.text, classesJustBefore, facts.classes));
      classesJustBefore = [];
      continue;
    }
    classesJustBefore = [];
    for (const statement of read.statements) {
      if (statement.kind === 'class') {
        facts.classes.push(statement.fact);
        classesJustBefore.push(statement.fact);
      } else if (statement.kind === 'assignment') facts.assignments.set(statement.name, statement.fact);
      else if (statement.kind === 'call') facts.calls.push(statement.expr);
      else if (statement.kind === 'function') (facts.functions ??= new Map()).set(statement.fact.name, statement.fact);
    }
  }
  // A file that names nothing a model is made of (FlaskApp's broken services/file_processor.py) hides
  // no model: its syntax error is an info note and blocks nothing (readiness.ts).
  if (facts.notes.length > 0 && !MAY_DECLARE_MODELS.test(text)) facts.notes = facts.notes.map((n) => ({ ...n, severity: 'info' }));
  return { facts, cache: nextCache };
}

/** Words every model, mixin or table declaration needs one of (a base, a column, a table name). */
const MAY_DECLARE_MODELS =
  /\b(?:Model|Base|Column|column|mapped_column|Mapped|relationship|Table|__tablename__|__table__|__table_args__|declared_attr|declarative_base|DeclarativeBase|registry|sqlalchemy|db)\b/;
