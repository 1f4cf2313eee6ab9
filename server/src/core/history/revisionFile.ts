// Reads one Alembic revision file: its identifiers (plain or typed module attributes), the
// docstring's message and create date, and the ops its upgrade() and downgrade() perform.
import * as l10n from '@vscode/l10n';
import type { Note, SourceLocation } from '../source';
import { parsePython, type SyntaxNode } from '../python/parser';
import { itemsOf, nodeRange, readExpr, type PyExpr } from '../python/expr';
import { pythonImportError } from '../python/importCheck';
import { importErrorMessage } from './importable';
import { moduleContext } from './replay/context';
import { replayFunction } from './replay/body';
import { readQuickRevisionTree } from './quickRevision';
import type { ParsedRevision, ReplayedBody } from './types';
import type { ReplayDialect } from './replay/dialect';
import type { NamingConvention } from '../schema/naming';

const METADATA = new Set(['revision', 'down_revision', 'branch_labels', 'depends_on']);

/** Alembic's legacy fallback: a file named "<hex id>_slug.py" without `revision = ...`. */
const LEGACY_REVISION_FILE = /^([a-f0-9]+)\.py$|^([a-f0-9]+)_.*\.py$/;

function fileStart(file: string): SourceLocation {
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** A str, a tuple/list of str, or None — as Alembic's util.to_tuple reads them. */
function stringList(expr: PyExpr, file: string, name: string, notes: Note[]): string[] {
  if (expr.kind === 'none') return [];
  if (expr.kind === 'str') return expr.value === '' ? [] : [expr.value];
  const items = itemsOf(expr);
  if (items && items.every((i) => i.kind === 'str')) return items.map((i) => (i as { value: string }).value);
  notes.push({
    severity: 'error',
    kind: 'unresolved-revision-id',
    message: l10n.t('{0} is not a string, a tuple of strings or None', name),
    location: { file, range: expr.range },
  });
  return [];
}

function docstringParts(node: SyntaxNode | undefined): { message: string | null; createDate: string | null } {
  if (!node || node.type !== 'expression_statement') return { message: null, createDate: null };
  const inner = node.namedChildren[0];
  if (!inner || (inner.type !== 'string' && inner.type !== 'concatenated_string')) return { message: null, createDate: null };
  const expr = readExpr(inner);
  if (expr.kind !== 'str') return { message: null, createDate: null };
  const doc = expr.value.trim();
  // Alembic's Script.doc: the first paragraph of the module docstring.
  const message = (doc.split(/\n\s*\n/)[0] ?? '').trim() || null;
  const createDate = /^\s*Create Date:\s*(.+?)\s*$/m.exec(doc)?.[1] ?? null;
  return { message, createDate };
}

function emptyBody(file: string, name: string, notes: Note[]): ReplayedBody {
  notes.push({ severity: 'warning', kind: 'missing-function', message: l10n.t('no {0}() function', name), location: fileStart(file) });
  return { ops: [], notes: [] };
}

/**
 * Parses a revision file's text. Pure: no file system access (needs `await initPythonParser()` once). Never throws on bad input;
 * problems come back as notes (file-level in `notes`, body-level in upgrade/downgrade).
 */
export function parseRevisionFile(filePath: string, text: string, dialect?: ReplayDialect, convention?: NamingConvention): ParsedRevision {
  return parseRevisionQuickly(filePath, text, dialect, convention) ?? parseRevisionTree(filePath, text, dialect, convention);
}

/** parseRevisionFile through tree-sitter alone (the quick reader's tests compare both). */
export function parseRevisionTree(filePath: string, text: string, dialect?: ReplayDialect, convention?: NamingConvention): ParsedRevision {
  const notes: Note[] = [];
  const tree = parsePython(text);
  const root = tree.rootNode;
  const importError = pythonImportError(root, text);
  if (importError) {
    // Alembic imports every revision file first: one that Python refuses stops every command.
    notes.push({
      severity: 'error',
      kind: 'parse-error',
      message: importErrorMessage(importError.message, importError.range.start.line),
      location: { file: filePath, range: importError.range },
    });
  }
  const revision = readRevision(filePath, root, notes, dialect, convention);
  // Everything read is plain data now; free the tree's WebAssembly memory.
  tree.delete();
  return revision;
}

/**
 * The file read without tree-sitter when it holds only what Alembic writes (history/quickRevision.ts),
 * exactly as the parse tree would read; null otherwise. Needs no parser.
 */
export function parseRevisionQuickly(filePath: string, text: string, dialect?: ReplayDialect, convention?: NamingConvention): ParsedRevision | null {
  const root = readQuickRevisionTree(text);
  // A file the quick reader reads whole is one Python imports: no import error to report.
  return root ? readRevision(filePath, root, [], dialect, convention) : null;
}

function readRevision(
  filePath: string,
  root: SyntaxNode,
  notes: Note[],
  dialect: ReplayDialect | undefined,
  convention: NamingConvention | undefined,
): ParsedRevision {
  const statements = root.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
  const { message, createDate } = docstringParts(statements[0]);
  const values = new Map<string, { expr: PyExpr; location: SourceLocation }>();
  for (const statement of statements) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !METADATA.has(left.text)) continue;
    values.set(left.text, { expr: readExpr(right), location: { file: filePath, range: nodeRange(statement) } });
  }
  const context = moduleContext(filePath, root, dialect, convention);
  const read = (name: string) => {
    const value = values.get(name);
    return value ? stringList(context.resolve(value.expr), filePath, name, notes) : [];
  };

  let revision: string | null = null;
  const revisionValue = values.get('revision');
  const ids = read('revision');
  if (revisionValue && ids.length === 1) revision = ids[0] as string;
  else if (revisionValue)
    notes.push({ severity: 'error', kind: 'unresolved-revision-id', message: l10n.t('revision must be a single string'), location: revisionValue.location });
  else {
    const legacy = LEGACY_REVISION_FILE.exec(filePath.split(/[\\/]/).pop() ?? '');
    revision = legacy ? ((legacy[1] ?? legacy[2]) as string) : null;
    if (!revision)
      notes.push({
        severity: 'error',
        kind: 'missing-revision-id',
        message: l10n.t('no `revision = "..."` in this file, and its name is not a revision id'),
        location: fileStart(filePath),
      });
  }
  if (revision !== null && /[@+-]/.test(revision)) {
    notes.push({
      severity: 'error',
      kind: 'invalid-revision-id',
      message: l10n.t('revision id "{0}" contains one of "@", "-", "+", which Alembic does not allow', revision),
      location: revisionValue?.location ?? fileStart(filePath),
    });
  }
  if (!values.has('down_revision') && revision !== null) {
    // Alembic reads module.down_revision unconditionally: without it, every command fails.
    notes.push({
      severity: 'error',
      kind: 'missing-down-revision',
      message: l10n.t('no `down_revision = ...` (Alembic fails to load this file); read as a base revision'),
      location: revisionValue?.location ?? fileStart(filePath),
    });
  }

  const functions = context.functions;
  const upgradeNode = functions.get('upgrade');
  const downgradeNode = functions.get('downgrade');
  const upgrade = upgradeNode ? replayFunction(upgradeNode, context) : emptyBody(filePath, 'upgrade', notes);
  const downgrade = downgradeNode ? replayFunction(downgradeNode, context) : emptyBody(filePath, 'downgrade', notes);
  return {
    path: filePath,
    revision,
    downRevisions: read('down_revision'),
    branchLabels: read('branch_labels'),
    dependsOn: read('depends_on'),
    message,
    createDate,
    location: revisionValue?.location ?? fileStart(filePath),
    ...(values.get('down_revision') ? { downRevisionLocation: values.get('down_revision')?.location } : {}),
    upgrade,
    downgrade,
    notes,
  };
}
