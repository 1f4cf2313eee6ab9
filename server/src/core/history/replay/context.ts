// What replaying a revision body needs to know about its module: the imports (to tell `sa.Integer`
// from anything else), module-level constants and helper functions, and local variables.
import type { SyntaxNode } from '../../python/parser';
import { readExpr, type PyExpr } from '../../python/expr';
import { qualifyName, readImports, type ImportMap } from '../../python/imports';
import type { PyEnumClass, SqlaTypeOptions } from '../../schema/sqlaTypes';
import { readEnumClasses } from './enumClasses';
import { readExprExpandingSplats } from './splats';
import type { ReplayDialect } from './dialect';
import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from '../../schema/naming';

export interface ModuleContext {
  file: string;
  /** The database the body is read for: what dialect tests give (replay/conditions.ts). */
  dialect: ReplayDialect;
  imports: ImportMap;
  /** Module-level `NAME = <expr>` bindings (constants, enum objects, table names). */
  constants: Map<string, PyExpr>;
  /** Module-level `def`s, by name (upgrade, downgrade, and helpers they call). */
  functions: Map<string, SyntaxNode>;
  /** The target metadata's naming_convention, which names what the ops leave unnamed (conventionNames.ts). */
  convention: NamingConvention;
  /** Module-level Python enum classes, for `sa.Enum(Status)`. */
  enumClasses: Map<string, PyEnumClass>;
  qualify(dotted: string): string;
  /** Replaces names bound at module level with their values (see Scope.resolve for locals). */
  resolve(expr: PyExpr): PyExpr;
}

type Lookup = (name: string) => PyExpr | undefined;

/** Each item substituted; the same array when nothing changed. */
function substituteEach(items: PyExpr[], lookup: Lookup, depth: number): PyExpr[] {
  let out: PyExpr[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PyExpr;
    const next = substitute(item, lookup, depth);
    if (next !== item) {
      out ??= items.slice();
      out[i] = next;
    }
  }
  return out ?? items;
}

/**
 * Names bound by assignment, resolved through `lookup`; cycles and unbound names are left as they are.
 * Returns the same object when nothing in it is bound, so the common case allocates nothing.
 * (Called for every statement replayed: written without per-call closures.)
 */
export function substitute(expr: PyExpr, lookup: Lookup, depth = 0): PyExpr {
  if (depth > 20) return expr;
  const inner = depth + 1;
  switch (expr.kind) {
    case 'name': {
      const bound = lookup(expr.id);
      return bound && bound !== expr ? substitute(bound, lookup, inner) : expr;
    }
    case 'attr': {
      const object = substitute(expr.object, lookup, inner);
      return object === expr.object ? expr : { ...expr, object };
    }
    case 'call': {
      const func = substitute(expr.func, lookup, inner);
      const args = substituteEach(expr.args, lookup, inner);
      let kwargs = expr.kwargs;
      for (const key of Object.keys(expr.kwargs)) {
        const value = expr.kwargs[key] as PyExpr;
        const next = substitute(value, lookup, inner);
        if (next !== value) kwargs = { ...kwargs, [key]: next };
      }
      const folded = func.kind === 'attr' ? foldStringMethod(func, args, expr.range) : null;
      if (folded) return folded;
      return func === expr.func && args === expr.args && kwargs === expr.kwargs ? expr : { ...expr, func, args, kwargs };
    }
    case 'list':
    case 'tuple':
    case 'set': {
      const items = substituteEach(expr.items, lookup, inner);
      return items === expr.items ? expr : { ...expr, items };
    }
    case 'dict': {
      const keys = substituteEach(
        expr.entries.map((e) => e.key),
        lookup,
        inner,
      );
      const values = substituteEach(
        expr.entries.map((e) => e.value),
        lookup,
        inner,
      );
      const same = keys.every((k, i) => k === expr.entries[i]?.key) && values.every((v, i) => v === expr.entries[i]?.value);
      return same ? expr : { ...expr, entries: keys.map((key, i) => ({ key, value: values[i] as PyExpr })) };
    }
    case 'binop': {
      const left = substitute(expr.left, lookup, inner);
      const right = substitute(expr.right, lookup, inner);
      // "a" + "b": string concatenation of constants is common in table/constraint names.
      if (expr.op === '+' && left.kind === 'str' && right.kind === 'str') return { kind: 'str', value: left.value + right.value, range: expr.range };
      // "upgrade_%s" % engine_name: one %s and a string, as the multi-database template writes it.
      if (
        expr.op === '%' &&
        left.kind === 'str' &&
        right.kind === 'str' &&
        left.value.split('%s').length === 2 &&
        !/%[^s]/.test(left.value.replace('%s', ''))
      ) {
        return { kind: 'str', value: left.value.replace('%s', () => right.value), range: expr.range };
      }
      return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
    }
    case 'subscript': {
      const value = substitute(expr.value, lookup, inner);
      const index = substituteEach(expr.index, lookup, inner);
      // ["a", "b"][1], "a.b".split(".")[0]
      const at = index.length === 1 && index[0]?.kind === 'num' ? index[0].value : null;
      if (at !== null && Number.isInteger(at) && (value.kind === 'list' || value.kind === 'tuple')) {
        const item = value.items[at < 0 ? value.items.length + at : at];
        if (item) return item;
      }
      return value === expr.value && index === expr.index ? expr : { ...expr, value, index };
    }
    case 'unknown':
      return fStringValue(expr, lookup) ?? expr;
    default:
      return expr;
  }
}

/** f"{PAGE}_revision" where every placeholder is a name bound to a string or number literal. */
function fStringValue(expr: Extract<PyExpr, { kind: 'unknown' }>, lookup: Lookup): PyExpr | null {
  const match = /^(?:[fF][rR]?|[rR][fF])("""|'''|"|')([\s\S]*)\1$/.exec(expr.text);
  if (!match) return null;
  let failed = false;
  const body = (match[2] as string).replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|\{[^}]*\}/g, (whole, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const value = name === undefined ? undefined : lookup(name);
    if (value?.kind === 'str') return value.value;
    if (value?.kind === 'num') return value.text;
    failed = true;
    return whole;
  });
  if (failed || body.includes('\\')) return null;
  return { kind: 'str', value: body, range: expr.range };
}

const STRING_METHODS = new Set([
  'replace',
  'lower',
  'upper',
  'strip',
  'lstrip',
  'rstrip',
  'split',
  'rsplit',
  'join',
  'format',
  'title',
  'capitalize',
  'removeprefix',
  'removesuffix',
]);

/** Python's str methods on literals, as Python computes them: "x_revision".replace("_revision", ".id"). */
function foldStringMethod(func: Extract<PyExpr, { kind: 'attr' }>, args: PyExpr[], range: PyExpr['range']): PyExpr | null {
  const target = func.object;
  if (target.kind !== 'str' || !STRING_METHODS.has(func.attr)) return null;
  const value = target.value;
  const strs = args.map((a) => (a.kind === 'str' ? a.value : null));
  const str = (v: string): PyExpr => ({ kind: 'str', value: v, range });
  const known = strs.every((a): a is string => a !== null);
  switch (func.attr) {
    case 'replace':
      return known && strs.length === 2 ? str(value.split(strs[0] as string).join(strs[1] as string)) : null;
    case 'lower':
      return args.length === 0 ? str(value.toLowerCase()) : null;
    case 'upper':
      return args.length === 0 ? str(value.toUpperCase()) : null;
    case 'title':
      return args.length === 0 ? str(value.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())) : null;
    case 'capitalize':
      return args.length === 0 ? str(value.charAt(0).toUpperCase() + value.slice(1).toLowerCase()) : null;
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      if (!known || strs.length > 1) return null;
      const chars = strs[0];
      const set = (c: string) => (chars === undefined ? /\s/.test(c) : chars.includes(c));
      let start = 0;
      let end = value.length;
      if (func.attr !== 'rstrip') while (start < end && set(value[start] as string)) start++;
      if (func.attr !== 'lstrip') while (end > start && set(value[end - 1] as string)) end--;
      return str(value.slice(start, end));
    }
    case 'removeprefix':
      return known && strs.length === 1 ? str(value.startsWith(strs[0] as string) ? value.slice((strs[0] as string).length) : value) : null;
    case 'removesuffix':
      return known && strs.length === 1 ? str(strs[0] !== '' && value.endsWith(strs[0] as string) ? value.slice(0, -(strs[0] as string).length) : value) : null;
    case 'split':
    case 'rsplit': {
      if (!known || strs.length !== 1 || strs[0] === '') return null;
      return { kind: 'list', items: value.split(strs[0] as string).map(str), range };
    }
    case 'join': {
      const list = args[0];
      if (args.length !== 1 || !list || (list.kind !== 'list' && list.kind !== 'tuple')) return null;
      const parts = list.items.map((i) => (i.kind === 'str' ? i.value : null));
      return parts.every((p): p is string => p !== null) ? str(parts.join(value)) : null;
    }
    case 'format': {
      if (!known) return null;
      let next = 0;
      let ok = true;
      const out = value.replace(/\{(\d*)\}/g, (_m, index: string) => {
        const arg = strs[index === '' ? next++ : Number(index)];
        if (arg === undefined) ok = false;
        return arg ?? '';
      });
      return ok && !/[{}]/.test(out.replace(/\{\{|\}\}/g, '')) ? str(out.replace(/\{\{/g, '{').replace(/\}\}/g, '}')) : null;
    }
    default:
      return null;
  }
}

/** Only simple, side-effect-free right-hand sides are worth remembering. */
function rememberable(node: SyntaxNode): boolean {
  const type = node.type;
  return type !== 'lambda' && type !== 'list_comprehension' && type !== 'generator_expression';
}

export function moduleContext(
  file: string,
  root: SyntaxNode,
  dialect: ReplayDialect = 'postgresql',
  convention: NamingConvention = DEFAULT_NAMING_CONVENTION,
): ModuleContext {
  const imports = readImports(root);
  const constants = new Map<string, PyExpr>();
  const functions = new Map<string, SyntaxNode>();
  const starred: [string, SyntaxNode][] = [];
  const lookupConstant: Lookup = (name) => constants.get(name);
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const type = statement.type;
    const definition = type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const definitionType = definition === statement ? type : definition?.type;
    if (definition && definitionType === 'function_definition') {
      const name = definition.childForFieldName('name')?.text;
      if (name) functions.set(name, definition);
      continue;
    }
    const assignment = type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right && rememberable(right)) {
      constants.set(left.text, readExpr(right));
      if (right.text.includes('*')) starred.push([left.text, right]);
    }
  }
  const qualify = (dotted: string) => qualifyName(dotted, imports);
  const context: ModuleContext = {
    file,
    dialect,
    convention,
    imports,
    constants,
    functions,
    enumClasses: readEnumClasses(root, qualify),
    qualify,
    resolve: (expr) => substitute(expr, lookupConstant),
  };
  // ROLE = sa.Enum(*ROLES, name="role"): re-read constants with star arguments once all are known.
  for (const [name, right] of starred) constants.set(name, readExprExpandingSplats(right, new Scope(context)));
  return context;
}

/** What sqlaTypeToPg needs from a revision file besides its imports: its own enum classes. */
export function typeOptions(module: ModuleContext): SqlaTypeOptions {
  return { resolveEnumClass: (dotted) => module.enumClasses.get(dotted) ?? null };
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

  /** One lookup function per scope, not one per resolve() call. */
  private readonly lookupName: Lookup = (name) => this.lookup(name);

  resolve(expr: PyExpr): PyExpr {
    return substitute(expr, this.lookupName);
  }
}
