// What replaying a revision body needs to know about its module: the imports (to tell `sa.Integer`
// from anything else), module-level constants and helper functions, and local variables.
import type { SyntaxNode } from '../../python/parser';
import { readExpr, type PyExpr } from '../../python/expr';
import { qualifyName, readImports, type ImportMap } from '../../python/imports';

export interface ModuleContext {
  file: string;
  imports: ImportMap;
  /** Module-level `NAME = <expr>` bindings (constants, enum objects, table names). */
  constants: Map<string, PyExpr>;
  /** Module-level `def`s, by name (upgrade, downgrade, and helpers they call). */
  functions: Map<string, SyntaxNode>;
  qualify(dotted: string): string;
  /** Replaces names bound at module level with their values (see Scope.resolve for locals). */
  resolve(expr: PyExpr): PyExpr;
}

/** Names bound by assignment, resolved through `lookup`; cycles and unbound names are left as they are. */
export function substitute(expr: PyExpr, lookup: (name: string) => PyExpr | undefined, depth = 0): PyExpr {
  if (depth > 20) return expr;
  const again = (e: PyExpr) => substitute(e, lookup, depth + 1);
  switch (expr.kind) {
    case 'name': {
      const bound = lookup(expr.id);
      return bound && bound !== expr ? again(bound) : expr;
    }
    case 'attr':
      return { ...expr, object: again(expr.object) };
    case 'call': {
      const kwargs: Record<string, PyExpr> = {};
      for (const [key, value] of Object.entries(expr.kwargs)) kwargs[key] = again(value);
      return { ...expr, func: again(expr.func), args: expr.args.map(again), kwargs };
    }
    case 'list':
    case 'tuple':
    case 'set':
      return { ...expr, items: expr.items.map(again) };
    case 'dict':
      return { ...expr, entries: expr.entries.map((e) => ({ key: again(e.key), value: again(e.value) })) };
    case 'binop': {
      const left = again(expr.left);
      const right = again(expr.right);
      // "a" + "b": string concatenation of constants is common in table/constraint names.
      if (expr.op === '+' && left.kind === 'str' && right.kind === 'str') return { kind: 'str', value: left.value + right.value, range: expr.range };
      return { ...expr, left, right };
    }
    case 'subscript':
      return { ...expr, value: again(expr.value), index: expr.index.map(again) };
    default:
      return expr;
  }
}

/** Only simple, side-effect-free right-hand sides are worth remembering. */
function rememberable(node: SyntaxNode): boolean {
  return node.type !== 'lambda' && node.type !== 'list_comprehension' && node.type !== 'generator_expression';
}

export function moduleContext(file: string, root: SyntaxNode): ModuleContext {
  const imports = readImports(root);
  const constants = new Map<string, PyExpr>();
  const functions = new Map<string, SyntaxNode>();
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition') {
      const name = definition.childForFieldName('name')?.text;
      if (name) functions.set(name, definition);
      continue;
    }
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right && rememberable(right)) constants.set(left.text, readExpr(right));
  }
  const context: ModuleContext = {
    file,
    imports,
    constants,
    functions,
    qualify: (dotted) => qualifyName(dotted, imports),
    resolve: (expr) => substitute(expr, (name) => constants.get(name)),
  };
  return context;
}

/** Local variables of one function body (or one inlined helper call), falling back to module constants. */
export class Scope {
  private readonly locals = new Map<string, PyExpr>();
  constructor(
    readonly module: ModuleContext,
    private readonly parent: Scope | null = null,
  ) {}

  /** Local names holding the outcome of a dialect test (`is_sqlite = bind.dialect.name == "sqlite"`). */
  readonly dialectFlags = new Set<string>();

  bind(name: string, value: PyExpr): void {
    this.locals.set(name, value);
    this.dialectFlags.delete(name);
  }

  /** Forgets a name that was re-bound to something not static, so stale values are not used. */
  unbind(name: string): void {
    this.locals.set(name, { kind: 'unknown', text: name, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  }

  lookup(name: string): PyExpr | undefined {
    if (this.locals.has(name)) return this.locals.get(name);
    return this.parent ? this.parent.lookup(name) : this.module.constants.get(name);
  }

  resolve(expr: PyExpr): PyExpr {
    return substitute(expr, (name) => this.lookup(name));
  }
}
