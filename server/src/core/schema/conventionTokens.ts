// Callable tokens of a MetaData naming_convention: `"column_names": _column_names`, a project function
// SQLAlchemy calls as fn(constraint, table) (sqlalchemy/sql/naming.py, ConventionDict.__getitem__).
// The function is kept as plain data (models/returnExpr.ts reads a body that is one `return <expr>`)
// and evaluated here against a model of the constraint and table SQLAlchemy hands it. Anything this
// evaluator does not know makes the token unknown: the name is then uncertain, never guessed.

/** A Python expression as far as a convention function goes (plain data: cached, compared as JSON). */
export type TokenExpr =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'const'; v: boolean | null }
  | { t: 'name'; id: string }
  | { t: 'attr'; obj: TokenExpr; attr: string }
  | { t: 'call'; func: TokenExpr; args: TokenExpr[] }
  | { t: 'if'; test: TokenExpr; then: TokenExpr; else: TokenExpr }
  /** A generator expression or list comprehension with one `for` (and optional `if`s). */
  | { t: 'comp'; elt: TokenExpr; target: string; iter: TokenExpr; conds: TokenExpr[] }
  | { t: 'bin'; op: string; l: TokenExpr; r: TokenExpr }
  | { t: 'bool'; op: 'and' | 'or'; l: TokenExpr; r: TokenExpr }
  | { t: 'not'; x: TokenExpr }
  | { t: 'cmp'; op: string; l: TokenExpr; r: TokenExpr }
  | { t: 'fstr'; parts: (string | TokenExpr)[] }
  | { t: 'seq'; items: TokenExpr[] }
  | { t: 'sub'; obj: TokenExpr; index: TokenExpr };

/** A naming_convention entry whose value is a function: its parameters and the expression it returns (null: not followable). */
export interface CallableToken {
  kind: 'callable';
  /** The function's name as the convention dict writes it (for notes). */
  name: string;
  params: string[];
  body: TokenExpr | null;
}

/** What SQLAlchemy hands the function, as far as names go. */
export interface TokenSubject {
  /** 'ix' | 'uq' | 'ck' | 'fk' | 'pk': which class the constraint is. */
  kind: string;
  table: string;
  schema: string | null;
  columns: string[];
  /** The name written on the constraint (None when unnamed). */
  name: string | null;
  /** Index.unique (only an Index has it). */
  unique?: boolean;
  referredTable?: string;
  referredSchema?: string | null;
  referredColumns?: string[];
}

type Value = string | number | boolean | null | Value[] | PyObject;
interface PyObject {
  type: string;
  attrs: Record<string, Value>;
}

class Unknown extends Error {}
const unknown = (): never => {
  throw new Unknown();
};

const isObject = (value: Value): value is PyObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function tableObject(name: string, schema: string | null): PyObject {
  return { type: 'Table', attrs: { name, schema, fullname: schema === null ? name : `${schema}.${name}`, key: schema === null ? name : `${schema}.${name}` } };
}

function subjectObjects(subject: TokenSubject): { constraint: PyObject; table: PyObject } {
  const table = tableObject(subject.table, subject.schema);
  const column = (name: string, owner: PyObject): PyObject => ({ type: 'Column', attrs: { name, key: name, table: owner } });
  const columns = subject.columns.map((c) => column(c, table));
  const attrs: Record<string, Value> = { name: subject.name, table, columns };
  if (subject.kind === 'ix') attrs.unique = subject.unique === true;
  if (subject.kind === 'fk' && subject.referredTable !== undefined) {
    const referred = tableObject(subject.referredTable, subject.referredSchema ?? null);
    attrs.referred_table = referred;
    attrs.elements = columns.map((parent, i) => ({
      type: 'ForeignKey',
      attrs: {
        parent,
        column: column(subject.referredColumns?.[i] ?? '', referred),
        target_fullname: `${referred.attrs.fullname as string}.${subject.referredColumns?.[i] ?? ''}`,
      },
    }));
  }
  return { constraint: { type: CLASS_OF[subject.kind] ?? 'Constraint', attrs }, table };
}

const CLASS_OF: Record<string, string> = { ix: 'Index', uq: 'UniqueConstraint', ck: 'CheckConstraint', fk: 'ForeignKeyConstraint', pk: 'PrimaryKeyConstraint' };
const MODELLED_CLASSES = new Set(['Column', 'Table', 'ForeignKey', ...Object.values(CLASS_OF)]);
/** isinstance(x, T) for the types a convention function tests. */
const INSTANCE_OF: Record<string, (v: Value) => boolean> = {
  str: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v),
  tuple: (v) => Array.isArray(v),
};

function truthy(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return true;
  return Boolean(value);
}

function str(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  if (isObject(value) && typeof value.attrs.name === 'string' && value.type === 'Column') return value.attrs.name;
  return unknown();
}

function iterate(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  return unknown();
}

const STRING_METHODS: Record<string, (self: string, args: Value[]) => Value> = {
  join: (self, [items]) =>
    iterate(items ?? unknown())
      .map((v) => (typeof v === 'string' ? v : unknown()))
      .join(self),
  lower: (self) => self.toLowerCase(),
  upper: (self) => self.toUpperCase(),
  strip: (self) => self.trim(),
  replace: (self, [from, to]) => (typeof from === 'string' && typeof to === 'string' ? self.split(from).join(to) : unknown()),
  startswith: (self, [prefix]) => (typeof prefix === 'string' ? self.startsWith(prefix) : unknown()),
  endswith: (self, [suffix]) => (typeof suffix === 'string' ? self.endsWith(suffix) : unknown()),
};

class Evaluator {
  constructor(private readonly names: Map<string, Value>) {}

  eval(expr: TokenExpr): Value {
    switch (expr.t) {
      case 'str':
      case 'num':
      case 'const':
        return expr.v;
      case 'name':
        return this.names.has(expr.id) ? (this.names.get(expr.id) as Value) : unknown();
      case 'attr': {
        const object = this.eval(expr.obj);
        if (isObject(object) && Object.hasOwn(object.attrs, expr.attr)) return object.attrs[expr.attr] as Value;
        return unknown();
      }
      case 'call':
        return this.call(expr);
      case 'if':
        return truthy(this.eval(expr.test)) ? this.eval(expr.then) : this.eval(expr.else);
      case 'comp': {
        const out: Value[] = [];
        for (const item of iterate(this.eval(expr.iter))) {
          const inner = new Evaluator(new Map(this.names).set(expr.target, item));
          if (expr.conds.every((c) => truthy(inner.eval(c)))) out.push(inner.eval(expr.elt));
        }
        return out;
      }
      case 'bin': {
        const left = this.eval(expr.l);
        const right = this.eval(expr.r);
        if (expr.op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
        if (expr.op === '+' && typeof left === 'number' && typeof right === 'number') return left + right;
        if (expr.op === '+' && Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
        return unknown();
      }
      case 'bool': {
        const left = this.eval(expr.l);
        if (expr.op === 'and') return truthy(left) ? this.eval(expr.r) : left;
        return truthy(left) ? left : this.eval(expr.r);
      }
      case 'not':
        return !truthy(this.eval(expr.x));
      case 'cmp':
        return this.compare(expr.op, this.eval(expr.l), this.eval(expr.r));
      case 'fstr':
        return expr.parts.map((p) => (typeof p === 'string' ? p : str(this.eval(p)))).join('');
      case 'seq':
        return expr.items.map((i) => this.eval(i));
      case 'sub': {
        const object = this.eval(expr.obj);
        const index = this.eval(expr.index);
        if (typeof index !== 'number' || !Number.isInteger(index)) return unknown();
        const items = Array.isArray(object) ? object : typeof object === 'string' ? [...object] : unknown();
        const at = index < 0 ? items.length + index : index;
        return at >= 0 && at < items.length ? (items[at] as Value) : unknown();
      }
    }
  }

  private compare(op: string, left: Value, right: Value): boolean {
    const scalar = (v: Value) => v === null || typeof v !== 'object';
    switch (op) {
      case '==':
      case 'is':
        return scalar(left) && scalar(right) ? left === right : left === right || unknown();
      case '!=':
      case 'is not':
        return scalar(left) && scalar(right) ? left !== right : unknown();
      case 'in':
      case 'not in': {
        const found = typeof right === 'string' && typeof left === 'string' ? right.includes(left) : Array.isArray(right) ? right.includes(left) : unknown();
        return op === 'in' ? found : !found;
      }
      default:
        return unknown();
    }
  }

  private call(expr: Extract<TokenExpr, { t: 'call' }>): Value {
    const args = () => expr.args.map((a) => this.eval(a));
    if (expr.func.t === 'attr') {
      const self = this.eval(expr.func.obj);
      const method = STRING_METHODS[expr.func.attr];
      if (typeof self === 'string' && method) return method(self, args());
      return unknown();
    }
    if (expr.func.t !== 'name' || this.names.has(expr.func.id)) return unknown();
    const [first, second] = expr.args;
    switch (expr.func.id) {
      case 'str':
        return first ? str(this.eval(first)) : '';
      case 'len': {
        const value = first ? this.eval(first) : unknown();
        return typeof value === 'string' || Array.isArray(value) ? value.length : unknown();
      }
      case 'isinstance': {
        const value = first ? this.eval(first) : unknown();
        const types = second?.t === 'seq' ? second.items : second ? [second] : [];
        return types.some((t) => {
          if (t.t !== 'name') return unknown();
          const test = INSTANCE_OF[t.id];
          if (test) return test(value);
          // A class of SQLAlchemy's (Column, Index…): only the objects modelled here can be told apart.
          return MODELLED_CLASSES.has(t.id) ? isObject(value) && value.type === t.id : unknown();
        });
      }
      case 'list':
      case 'tuple':
        return first ? iterate(this.eval(first)) : [];
      default:
        return unknown();
    }
  }
}

/** The token's text for this constraint, or undefined when the function cannot be followed. */
export function evaluateCallable(token: CallableToken, subject: TokenSubject): string | undefined {
  if (!token.body || token.params.length < 2) return undefined;
  const { constraint, table } = subjectObjects(subject);
  const names = new Map<string, Value>([
    [token.params[0] as string, constraint],
    [token.params[1] as string, table],
  ]);
  try {
    const value = new Evaluator(names).eval(token.body);
    // SQLAlchemy interpolates it with %s: str() of what the function returns.
    return str(value);
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
}
