// The stand-in tree node of a revision file read without tree-sitter (quickRevision.ts): the few
// members of a tree-sitter node the revision readers use, each expression already read.
import type { PyExpr } from '../python/expr';
import type { Position } from '../source';

export interface Point {
  row: number;
  column: number;
}

export const point = (p: Position): Point => ({ row: p.line, column: p.character });

/** The node types tree-sitter gives the expressions the quick reader reads (only `call` and `string` are looked at). */
export const EXPRESSION_TYPES: Record<PyExpr['kind'], string> = {
  name: 'identifier',
  attr: 'attribute',
  call: 'call',
  str: 'string',
  num: 'integer',
  bool: 'true',
  none: 'none',
  list: 'list',
  tuple: 'tuple',
  set: 'set',
  dict: 'dictionary',
  subscript: 'subscript',
  binop: 'binary_operator',
  unknown: 'ERROR',
};

/** A stand-in for a tree-sitter node: the members the revision readers use, nothing else. */
export class QuickNode {
  private reads = 0;

  constructor(
    readonly type: string,
    private readonly source: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly startPosition: Point,
    readonly endPosition: Point,
    readonly namedChildren: QuickNode[] = [],
    private readonly fields: Record<string, QuickNode[]> = {},
    private readonly expr: PyExpr | null = null,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get children(): QuickNode[] {
    return this.namedChildren;
  }

  get isNamed(): boolean {
    return true;
  }

  childForFieldName(name: string): QuickNode | null {
    return this.fields[name]?.[0] ?? null;
  }

  childrenForFieldName(name: string): QuickNode[] {
    return this.fields[name] ?? [];
  }

  /** No splat, no nested statement: nothing a search below an expression would find. */
  descendantsOfType(): QuickNode[] {
    return [];
  }

  /** The expression as read, without counting a read. */
  peekExpr(): PyExpr | null {
    return this.expr;
  }

  /** The expression as read (a fresh copy after the first read, as tree-sitter's reader gives). */
  preRead(): PyExpr {
    if (!this.expr) throw new Error(`no expression read for ${this.type}`);
    return this.reads++ === 0 ? this.expr : (JSON.parse(JSON.stringify(this.expr)) as PyExpr);
  }
}
