// A revision file read without tree-sitter, when it is made only of what Alembic and Flask-Migrate
// write: a docstring, plain imports, `name = value` / `name: Annotation = value` at module level, and
// `def name() [-> X]:` whose bodies hold call statements, `pass`, strings and `with
// op.batch_alter_table(...) as batch_op:` / `with ....autocommit_block():` blocks of the same, with
// whole-line comments anywhere. The reading is a stand-in tree of the few node shapes the revision
// readers look at (types, fields, ranges, text), each expression already read by the quick expression
// reader (python/quickExpr.ts), so revisionFile.ts, replay/context.ts and replay/body.ts run on it
// unchanged. Anything else (other statements, trailing comments, non-ASCII, tabs, CRLF, every syntax
// error) returns null and the file is parsed by tree-sitter; quickRevision.test.ts compares both
// readings on every fixture, generated histories and a corpus of real revision files.
import type { PyExpr } from '../python/expr';
import { dottedName } from '../python/expr';
import type { SyntaxNode } from '../python/parser';
import { bail, QUICK_BAIL, QuickCursor, quickReadable, RESERVED as EXPRESSION_RESERVED } from '../python/quickExpr';
import type { Position } from '../source';
import { EXPRESSION_TYPES, point, QuickNode } from './quickRevisionNode';

/** The expression reader's reserved words, and the constants, which cannot be assigned or defined either. */
const RESERVED = new Set([...EXPRESSION_RESERVED, 'True', 'False', 'None']);

const NEWLINE = 10;
const SPACE = 32;
const HASH = 35;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The text with whole-line comments blanked out (same length, same lines), or null when a comment
 * follows code on its line or a string is left open: those files go to tree-sitter.
 */
function blankCommentLines(text: string): string | null {
  if (!text.includes('#')) return text;
  let out = '';
  let copied = 0;
  let codeOnLine = false;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      codeOnLine = false;
      i++;
    } else if (code === 34 || code === 39) {
      codeOnLine = true;
      if (text.charCodeAt(i + 1) === code && text.charCodeAt(i + 2) === code) {
        const end = text.indexOf(String.fromCharCode(code, code, code), i + 3);
        if (end < 0) return null;
        i = end + 3;
      } else {
        for (i++; ; i++) {
          const inner = text.charCodeAt(i);
          if (Number.isNaN(inner) || inner === NEWLINE) return null;
          if (inner === 92) i++;
          else if (inner === code) break;
        }
        i++;
      }
    } else if (code === HASH) {
      if (codeOnLine) return null;
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? text.length : newline;
      out += text.slice(copied, i) + ' '.repeat(end - i);
      copied = end;
      i = end;
    } else {
      if (code !== SPACE) codeOnLine = true;
      i++;
    }
  }
  return out + text.slice(copied);
}

class RevisionReader {
  private readonly cursor: QuickCursor;
  /** Indentation of the line the cursor is on (-1 at the end of the text). */
  private indent = 0;
  /** Module-level names assigned, and the heads of `with` callees (a rebound `op` is left to tree-sitter). */
  private readonly assigned = new Set<string>();
  private readonly withHeads = new Set<string>();

  constructor(
    private readonly source: string,
    blanked: string,
  ) {
    this.cursor = new QuickCursor(blanked, 0);
  }

  private node(
    type: string,
    start: Position,
    startIndex: number,
    children: QuickNode[] = [],
    fields: Record<string, QuickNode[]> = {},
    expr: PyExpr | null = null,
  ) {
    const end = this.cursor.lastEnd;
    return new QuickNode(type, this.source, startIndex, this.cursor.lastEndOffset, point(start), point(end), children, fields, expr);
  }

  private here(): { start: Position; startIndex: number } {
    this.cursor.peek();
    return { start: this.cursor.point(), startIndex: this.cursor.pos };
  }

  private word(): string | null {
    this.cursor.peek();
    WORD.lastIndex = this.cursor.pos;
    return WORD.exec(this.cursor.text)?.[0] ?? null;
  }

  private keyword(): void {
    this.cursor.identifier();
  }

  private name(type: string): QuickNode {
    const { start, startIndex } = this.here();
    if (RESERVED.has(this.cursor.identifier())) bail();
    return this.node(type, start, startIndex);
  }

  private expression(): QuickNode {
    const { start, startIndex } = this.here();
    const expr = this.cursor.expr();
    return this.node(EXPRESSION_TYPES[expr.kind], start, startIndex, [], {}, expr);
  }

  private nextLine(): void {
    this.indent = this.cursor.nextIndent();
  }

  /** The end of a simple statement: its line must end here. */
  private endLine(): void {
    if (this.cursor.depth !== 0 || !this.cursor.endOfLine()) bail();
    this.nextLine();
  }

  read(): QuickNode {
    const statements: QuickNode[] = [];
    this.nextLine();
    while (this.indent !== -1) {
      if (this.indent !== 0) bail();
      statements.push(this.topStatement());
    }
    for (const head of this.withHeads) if (this.assigned.has(head)) bail();
    return new QuickNode('module', this.source, 0, this.source.length, { row: 0, column: 0 }, { row: 0, column: 0 }, statements);
  }

  private topStatement(): QuickNode {
    const code = this.cursor.peek();
    if (code === 34 || code === 39) return this.stringStatement();
    const word = this.word();
    if (word === 'def') return this.functionDefinition();
    if (word === 'import') return this.importStatement();
    if (word === 'from') return this.fromImport();
    if (word === null || RESERVED.has(word)) bail();
    return this.assignment();
  }

  private stringStatement(): QuickNode {
    const { start, startIndex } = this.here();
    const value = this.expression();
    if (value.type !== 'string') bail();
    const statement = this.node('expression_statement', start, startIndex, [value]);
    this.endLine();
    return statement;
  }

  /** `name = value` or `name: Annotation = value`; a call on the right (a possible `db = SQLAlchemy()`) is left to tree-sitter. */
  private assignment(): QuickNode {
    const { start, startIndex } = this.here();
    const left = this.name('identifier');
    this.assigned.add(left.text);
    if (this.cursor.peek() === 58) {
      this.cursor.take(58);
      this.expression();
    }
    if (this.cursor.peek() !== 61 || this.cursor.text.charCodeAt(this.cursor.pos + 1) === 61) bail();
    this.cursor.take(61);
    const right = this.expression();
    if (right.type === 'call') bail();
    const assignment = this.node('assignment', start, startIndex, [left, right], { left: [left], right: [right] });
    const statement = this.node('expression_statement', start, startIndex, [assignment]);
    this.endLine();
    return statement;
  }

  private dotted(): QuickNode {
    const { start, startIndex } = this.here();
    if (RESERVED.has(this.cursor.identifier())) bail();
    while (this.cursor.peek() === 46) {
      this.cursor.take(46);
      this.cursor.peek();
      if (RESERVED.has(this.cursor.identifier())) bail();
    }
    return this.node('dotted_name', start, startIndex);
  }

  /** `a.b [as c], ...` of an import (no parentheses, no star). */
  private importNames(): QuickNode[] {
    const names: QuickNode[] = [];
    for (;;) {
      const { start, startIndex } = this.here();
      const name = this.dotted();
      if (this.word() === 'as') {
        this.keyword();
        const alias = this.name('identifier');
        names.push(this.node('aliased_import', start, startIndex, [name, alias], { name: [name], alias: [alias] }));
      } else names.push(name);
      if (this.cursor.peek() !== 44) return names;
      this.cursor.take(44);
    }
  }

  private importStatement(): QuickNode {
    const { start, startIndex } = this.here();
    this.keyword();
    const names = this.importNames();
    const statement = this.node('import_statement', start, startIndex, names, { name: names });
    this.endLine();
    return statement;
  }

  private fromImport(): QuickNode {
    const { start, startIndex } = this.here();
    this.keyword();
    const module = this.dotted();
    // `from __future__ import ...` is a statement of its own in tree-sitter's grammar.
    if (module.text === '__future__' || this.word() !== 'import') bail();
    this.keyword();
    const names = this.importNames();
    const statement = this.node('import_from_statement', start, startIndex, [module, ...names], { module_name: [module], name: names });
    this.endLine();
    return statement;
  }

  /** `def name() [-> X]:` and its block (no parameters: upgrade(), downgrade() and helpers like them). */
  private functionDefinition(): QuickNode {
    const indent = this.indent;
    const { start, startIndex } = this.here();
    this.keyword();
    const name = this.name('identifier');
    const params = this.here();
    this.cursor.take(40);
    if (this.cursor.peek() !== 41) bail();
    this.cursor.take(41);
    const parameters = this.node('parameters', params.start, params.startIndex);
    if (this.cursor.peek() === 45) {
      if (this.cursor.text.charCodeAt(this.cursor.pos + 1) !== 62) bail();
      this.cursor.take(45);
      this.cursor.take(62);
      this.expression();
    }
    this.cursor.take(58);
    const body = this.block(indent);
    return this.node('function_definition', start, startIndex, [name, parameters, body], { name: [name], parameters: [parameters], body: [body] });
  }

  /** The indented block after a `:` at the end of a line; the cursor ends on the first line after it. */
  private block(outer: number): QuickNode {
    if (this.cursor.depth !== 0 || !this.cursor.endOfLine()) bail();
    this.nextLine();
    const indent = this.indent;
    if (indent <= outer) bail(); // expected an indented block
    const { start, startIndex } = this.here();
    const statements: QuickNode[] = [];
    while (this.indent === indent) statements.push(this.bodyStatement());
    if (this.indent > indent) bail(); // unexpected indent
    return this.node('block', start, startIndex, statements);
  }

  private bodyStatement(): QuickNode {
    const code = this.cursor.peek();
    if (code === 34 || code === 39) return this.stringStatement();
    const word = this.word();
    if (word === 'pass') {
      const { start, startIndex } = this.here();
      this.keyword();
      const statement = this.node('pass_statement', start, startIndex);
      this.endLine();
      return statement;
    }
    if (word === 'with') return this.withStatement();
    if (word === null || RESERVED.has(word)) bail();
    const { start, startIndex } = this.here();
    const call = this.expression();
    if (call.type !== 'call') bail();
    const statement = this.node('expression_statement', start, startIndex, [call]);
    this.endLine();
    return statement;
  }

  /** `with op.batch_alter_table(...) [as name]:` or `with ....autocommit_block():` (others get a note on the whole statement: tree-sitter's). */
  private withStatement(): QuickNode {
    const indent = this.indent;
    const { start, startIndex } = this.here();
    this.keyword();
    const context = this.expression();
    const expr = context.peekExpr();
    if (expr?.kind !== 'call') bail();
    const callee = dottedName(expr.func);
    const autocommit = expr.func.kind === 'attr' && expr.func.attr === 'autocommit_block';
    if (callee !== 'op.batch_alter_table' && !autocommit) bail();
    const head = (callee ?? '').split('.')[0] ?? '';
    this.withHeads.add(head);
    let value = context;
    if (this.word() === 'as') {
      this.keyword();
      const target = this.name('identifier');
      const alias = new QuickNode('as_pattern_target', this.source, target.startIndex, target.endIndex, target.startPosition, target.endPosition, [target]);
      value = this.node('as_pattern', { line: context.startPosition.row, character: context.startPosition.column }, context.startIndex, [context, alias], {
        alias: [alias],
      });
    }
    const item = new QuickNode('with_item', this.source, value.startIndex, value.endIndex, value.startPosition, value.endPosition, [value], { value: [value] });
    const clause = new QuickNode('with_clause', this.source, item.startIndex, item.endIndex, item.startPosition, item.endPosition, [item]);
    this.cursor.take(58);
    const body = this.block(indent);
    return this.node('with_statement', start, startIndex, [clause, body], { body: [body] });
  }
}

/** The stand-in tree of a revision file the quick reader can read whole, or null (tree-sitter reads it). */
export function readQuickRevisionTree(text: string): SyntaxNode | null {
  const blanked = blankCommentLines(text);
  if (blanked === null || !quickReadable(blanked)) return null;
  try {
    return new RevisionReader(text, blanked).read() as unknown as SyntaxNode;
  } catch (error) {
    if (error === QUICK_BAIL) return null;
    throw error;
  }
}
