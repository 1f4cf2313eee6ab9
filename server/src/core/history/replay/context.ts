// What replaying a revision body needs to know about its module: the imports (to tell `sa.Integer`
// from anything else), module-level constants and helper functions, and local variables.
import type { SyntaxNode } from '../../python/parser';
import { readExpr, type PyExpr } from '../../python/expr';
import { qualifyName, readImports, type ImportMap } from '../../python/imports';
import { readExprExpandingSplats } from './splats';

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

/**
 * Names bound by assignment, resolved through `lookup`; cycles and unbound names are left as they are.
 * Returns the same object when nothing in it is bound, so the common case allocates nothing.
 */
export function substitute(expr: PyExpr, lookup: (name: string) => PyExpr | undefined, depth = 0): PyExpr {
  if (depth > 20) return expr;
  const again = (e: PyExpr) => substitute(e, lookup, depth + 1);
  const each = (items: PyExpr[]) => {
    let changed = false;
    const out = items.map((item) => {
      const next = again(item);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : items;
  };
  switch (expr.kind) {
    case 'name': {
      const bound = lookup(expr.id);
      return bound && bound !== expr ? again(bound) : expr;
    }
    case 'attr': {
      const object = again(expr.object);
      return object === expr.object ? expr : { ...expr, object };
    }
    case 'call': {
      const func = again(expr.func);
      const args = each(expr.args);
      let kwargs = expr.kwargs;
      for (const [key, value] of Object.entries(expr.kwargs)) {
        const next = again(value);
        if (next !== value) kwargs = { ...kwargs, [key]: next };
      }
      return func === expr.func && args === expr.args && kwargs === expr.kwargs ? expr : { ...expr, func, args, kwargs };
    }
    case 'list':
    case 'tuple':
    case 'set': {
      const items = each(expr.items);
      return items === expr.items ? expr : { ...expr, items };
    }
    case 'dict': {
      const keys = each(expr.entries.map((e) => e.key));
      const values = each(expr.entries.map((e) => e.value));
      const same = keys.every((k, i) => k === expr.entries[i]?.key) && values.every((v, i) => v === expr.entries[i]?.value);
      return same ? expr : { ...expr, entries: keys.map((key, i) => ({ key, value: values[i] as PyExpr })) };
    }
    case 'binop': {
      const left = again(expr.left);
      const right = again(expr.right);
      // "a" + "b": string concatenation of constants is common in table/constraint names.
      if (expr.op === '+' && left.kind === 'str' && right.kind === 'str') return { kind: 'str', value: left.value + right.value, range: expr.range };
      return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
    }
    case 'subscript': {
      const value = again(expr.value);
      const index = each(expr.index);
      return value === expr.value && index === expr.index ? expr : { ...expr, value, index };
    }
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
  const starred: [string, SyntaxNode][] = [];
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
    if (left?.type === 'identifier' && right && rememberable(right)) {
      constants.set(left.text, readExpr(right));
      if (right.text.includes('*')) starred.push([left.text, right]);
    }
  }
  const context: ModuleContext = {
    file,
    imports,
    constants,
    functions,
    qualify: (dotted) => qualifyName(dotted, imports),
    resolve: (expr) => substitute(expr, (name) => constants.get(name)),
  };
  // ROLE = sa.Enum(*ROLES, name="role"): re-read constants with star arguments once all are known.
  for (const [name, right] of starred) constants.set(name, readExprExpandingSplats(right, new Scope(context)));
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
