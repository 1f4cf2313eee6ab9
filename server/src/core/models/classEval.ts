// Evaluates what a `@declared_attr` returns for one concrete model, as SQLAlchemy does at mapping
// time: nyaa's `cls._table_prefix(cls.__tablename_base__)` is "nyaa_torrents" for NyaaTorrent
// (`__flavor__ = 'Nyaa'`) and "sukebei_torrents" for SukebeiTorrent. Followed: `cls.<attr>` through
// the model's project classes in MRO order (a literal class attribute, `__name__`, `__tablename__`),
// calls of the `@classmethod`s methodFacts.ts read, module-level string constants, and string
// building (`+`, `%`, f-strings, `.format`, `.lower()`, `.join` …). Everything else about `cls` is
// unreadable: the caller keeps what it did before (the attribute unseen, the table unnamed).
import { dottedName, type PyExpr } from '../python/expr';
import { QUICK_BAIL, QuickCursor } from '../python/quickExpr';
import type { ClassInfo } from './bases';
import type { ClassMethodFact } from './methodFacts';
import type { AttributeFact, ModuleFacts } from './moduleFacts';
import { mroOf } from './mro';

export interface ClassEvalHost {
  /** A module-level string constant (`PREFIX = "nyaa_"`), as the module's code sees `dotted`. */
  stringConstant(module: ModuleFacts, dotted: string): string | null;
  /** The table name the model maps to (for `cls.__tablename__`), or null. */
  tableName(info: ClassInfo): string | null;
}

type Value =
  { kind: 'expr'; expr: PyExpr } | { kind: 'class'; info: ClassInfo } | { kind: 'method'; info: ClassInfo; method: ClassMethodFact; owner: ClassInfo };

interface Env {
  vars: ReadonlyMap<string, Value>;
  /** Where the code being evaluated is written (its module-level names). */
  module: ModuleFacts;
  depth: number;
}

class Unreadable extends Error {}
const fail = (): never => {
  throw new Unreadable();
};
const MAX_DEPTH = 16;
const CLS = 'cls';

/** Whether `expr` names `cls` anywhere (an f-string's text included). */
export function mentionsCls(expr: PyExpr): boolean {
  switch (expr.kind) {
    case 'name':
      return expr.id === CLS;
    case 'attr':
      return mentionsCls(expr.object);
    case 'call':
      return mentionsCls(expr.func) || expr.args.some(mentionsCls) || Object.values(expr.kwargs).some(mentionsCls);
    case 'list':
    case 'tuple':
    case 'set':
      return expr.items.some(mentionsCls);
    case 'dict':
      return expr.entries.some((e) => mentionsCls(e.key) || mentionsCls(e.value));
    case 'subscript':
      return mentionsCls(expr.value) || expr.index.some(mentionsCls);
    case 'binop':
      return mentionsCls(expr.left) || mentionsCls(expr.right);
    case 'unknown':
      return /\bcls\b/.test(expr.text);
    default:
      return false;
  }
}

/**
 * `expr` (a declared_attr's value written in `owner`'s module) with everything that depends on `cls`
 * computed for `model`; `expr` itself when it does not name `cls`; null when some of it cannot be read.
 */
export function evaluateForClass(expr: PyExpr, owner: ClassInfo, model: ClassInfo, host: ClassEvalHost): PyExpr | null {
  if (!mentionsCls(expr)) return expr;
  try {
    return asExpr(evaluate(expr, { vars: new Map([[CLS, { kind: 'class', info: model }]]), module: owner.module, depth: 0 }, host));
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
}

function asExpr(value: Value): PyExpr {
  return value.kind === 'expr' ? value.expr : fail();
}

const str = (value: string, range: PyExpr['range']): Value => ({ kind: 'expr', expr: { kind: 'str', value, range } });

/** The string a value is, a module-level constant's included; null when it is not one. */
function stringOf(value: Value, env: Env, host: ClassEvalHost): string | null {
  if (value.kind !== 'expr') return null;
  const expr = value.expr;
  if (expr.kind === 'str') return expr.value;
  if (expr.kind === 'name' || expr.kind === 'attr') {
    const dotted = dottedName(expr);
    return dotted === null ? null : host.stringConstant(env.module, dotted);
  }
  return null;
}

/** What Python's str() gives for a literal, for formatting; null for anything else. */
function textOf(value: Value, env: Env, host: ClassEvalHost): string | null {
  const text = stringOf(value, env, host);
  if (text !== null) return text;
  const expr = value.kind === 'expr' ? value.expr : null;
  if (expr?.kind === 'num' && Number.isInteger(expr.value)) return String(expr.value);
  if (expr?.kind === 'bool') return expr.value ? 'True' : 'False';
  return null;
}

function evaluate(expr: PyExpr, env: Env, host: ClassEvalHost): Value {
  switch (expr.kind) {
    case 'name': {
      const bound = env.vars.get(expr.id);
      if (bound) return bound;
      const constant = host.stringConstant(env.module, expr.id);
      return constant === null ? { kind: 'expr', expr } : str(constant, expr.range);
    }
    case 'attr': {
      const object = evaluate(expr.object, env, host);
      if (object.kind === 'class') return classAttribute(object.info, expr.attr, expr.range, env, host);
      if (object.kind === 'method') return fail();
      if (object.expr !== expr.object) return { kind: 'expr', expr: { kind: 'attr', object: object.expr, attr: expr.attr, range: expr.range } };
      const dotted = dottedName(expr);
      const constant = dotted === null ? null : host.stringConstant(env.module, dotted);
      return constant === null ? { kind: 'expr', expr } : str(constant, expr.range);
    }
    case 'call':
      return call(expr, env, host);
    case 'binop': {
      const left = evaluate(expr.left, env, host);
      const right = evaluate(expr.right, env, host);
      const l = stringOf(left, env, host);
      if (l !== null && expr.op === '+') {
        const r = stringOf(right, env, host);
        if (r !== null) return str(l + r, expr.range);
      }
      if (l !== null && expr.op === '%') {
        const items = right.kind === 'expr' && right.expr.kind === 'tuple' ? right.expr.items.map((e) => ({ kind: 'expr', expr: e }) as Value) : [right];
        const formatted = percentFormat(
          l,
          items.map((v) => textOf(v, env, host)),
        );
        if (formatted !== null) return str(formatted, expr.range);
      }
      return { kind: 'expr', expr: { kind: 'binop', op: expr.op, left: asExpr(left), right: asExpr(right), range: expr.range } };
    }
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: 'expr', expr: { kind: expr.kind, items: expr.items.map((e) => asExpr(evaluate(e, env, host))), range: expr.range } };
    case 'dict':
      return {
        kind: 'expr',
        expr: {
          kind: 'dict',
          entries: expr.entries.map((e) => ({ key: asExpr(evaluate(e.key, env, host)), value: asExpr(evaluate(e.value, env, host)) })),
          range: expr.range,
        },
      };
    case 'subscript':
      return {
        kind: 'expr',
        expr: {
          kind: 'subscript',
          value: asExpr(evaluate(expr.value, env, host)),
          index: expr.index.map((e) => asExpr(evaluate(e, env, host))),
          range: expr.range,
        },
      };
    case 'unknown': {
      const text = /^[fF]/.test(expr.text) ? fString(expr, env, host) : null;
      if (text !== null) return str(text, expr.range);
      // Code this reader does not follow, left as it is unless it uses what is being computed.
      return [...env.vars.keys()].some((name) => new RegExp(`\\b${name}\\b`).test(expr.text)) ? fail() : { kind: 'expr', expr };
    }
    default:
      return { kind: 'expr', expr };
  }
}

/** `cls.<name>` on `model`: the first of its project classes (MRO order) that defines it. */
function classAttribute(model: ClassInfo, name: string, range: PyExpr['range'], env: Env, host: ClassEvalHost): Value {
  if (name === '__name__') return str(model.cls.name, range);
  if (env.depth > MAX_DEPTH) fail();
  for (const c of mroOf(model)) {
    const attribute = c.cls.dunders.get(name) ?? c.cls.attributes.find((a) => a.name === name);
    if (attribute) {
      if (name === '__tablename__') {
        const table = host.tableName(model);
        return table === null ? fail() : str(table, range);
      }
      if (attribute.declaredAttr || !attribute.value) return fail();
      // A class attribute's value is computed where it is written, when the class is defined.
      return evaluate(attribute.value, { vars: new Map(), module: c.module, depth: env.depth + 1 }, host);
    }
    const method = c.cls.classMethods.find((m) => m.name === name);
    if (method) return { kind: 'method', info: model, method, owner: c };
    if (c.cls.methods.includes(name)) return fail();
  }
  // Flask-SQLAlchemy gives every model a __tablename__ (camel_to_snake_case of its name).
  if (name === '__tablename__') {
    const table = host.tableName(model);
    if (table !== null) return str(table, range);
  }
  return fail();
}

const STRING_METHODS: Record<string, (s: string, args: string[]) => string | null> = {
  lower: (s, a) => (a.length === 0 ? s.toLowerCase() : null),
  upper: (s, a) => (a.length === 0 ? s.toUpperCase() : null),
  strip: (s, a) => (a.length === 0 ? s.trim() : null),
  lstrip: (s, a) => (a.length === 0 ? s.trimStart() : null),
  rstrip: (s, a) => (a.length === 0 ? s.trimEnd() : null),
  capitalize: (s, a) => (a.length === 0 ? s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() : null),
  title: (s, a) => (a.length === 0 ? s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()) : null),
  replace: (s, a) => (a.length === 2 ? s.split(a[0] as string).join(a[1] as string) : null),
};

function call(expr: Extract<PyExpr, { kind: 'call' }>, env: Env, host: ClassEvalHost): Value {
  const func = evaluate(expr.func, env, host);
  if (func.kind === 'class') return fail();
  if (func.kind === 'method') return callMethod(func, expr, env, host);
  const args = expr.args.map((a) => evaluate(a, env, host));
  const kwargs: Record<string, Value> = {};
  for (const key of Object.keys(expr.kwargs)) kwargs[key] = evaluate(expr.kwargs[key] as PyExpr, env, host);
  // A string method on a computed (or literal) string.
  if (func.expr.kind === 'attr' && !expr.hasStarArgs) {
    const receiver = evaluate(func.expr.object, env, host);
    const text = stringOf(receiver, env, host);
    if (text !== null) {
      const method = func.expr.attr;
      const result = stringMethod(text, method, args, kwargs, env, host);
      if (result !== null) return str(result, expr.range);
    }
  }
  const out: Record<string, PyExpr> = {};
  for (const key of Object.keys(kwargs)) out[key] = asExpr(kwargs[key] as Value);
  return { kind: 'expr', expr: { kind: 'call', func: func.expr, args: args.map(asExpr), kwargs: out, hasStarArgs: expr.hasStarArgs, range: expr.range } };
}

function stringMethod(text: string, method: string, args: Value[], kwargs: Record<string, Value>, env: Env, host: ClassEvalHost): string | null {
  const kwargNames = Object.keys(kwargs);
  if (method === 'format') {
    const positional = args.map((a) => textOf(a, env, host));
    const named: Record<string, string | null> = {};
    for (const key of kwargNames) named[key] = textOf(kwargs[key] as Value, env, host);
    return braceFormat(text, positional, named);
  }
  if (kwargNames.length > 0) return null;
  if (method === 'join') {
    const items = args.length === 1 && args[0]?.kind === 'expr' ? args[0].expr : null;
    if (items?.kind !== 'list' && items?.kind !== 'tuple') return null;
    const parts = items.items.map((e) => stringOf({ kind: 'expr', expr: e }, env, host));
    return parts.every((p) => p !== null) ? parts.join(text) : null;
  }
  const read = STRING_METHODS[method];
  if (!read) return null;
  const strings = args.map((a) => stringOf(a, env, host));
  return strings.every((s) => s !== null) ? read(text, strings as string[]) : null;
}

/** A classmethod called on the model: its parameters bound, its returned expression evaluated where it is written. */
function callMethod(func: Extract<Value, { kind: 'method' }>, expr: Extract<PyExpr, { kind: 'call' }>, env: Env, host: ClassEvalHost): Value {
  if (expr.hasStarArgs || env.depth > MAX_DEPTH) fail();
  const params = func.method.params;
  if (expr.args.length > params.length - 1) fail();
  const vars = new Map<string, Value>([[params[0]?.name as string, { kind: 'class', info: func.info }]]);
  const inner: Env = { vars, module: func.owner.module, depth: env.depth + 1 };
  params.slice(1).forEach((param, i) => {
    const given = i < expr.args.length ? expr.args[i] : expr.kwargs[param.name];
    if (given) vars.set(param.name, evaluate(given, env, host));
    else if (param.default) vars.set(param.name, evaluate(param.default, { ...inner, vars: new Map() }, host));
    else fail();
  });
  if (Object.keys(expr.kwargs).some((k) => !params.some((p) => p.name === k))) fail();
  return evaluate(func.method.returns, inner, host);
}

/** Python's `%` with `%s` / `%d` / `%%` only; null for anything else. */
function percentFormat(template: string, values: (string | null)[]): string | null {
  let next = 0;
  let bad = false;
  const out = template.replace(/%([\s\S]?)/g, (_m, spec: string) => {
    if (spec === '%') return '%';
    const value = values[next++];
    if ((spec !== 's' && spec !== 'd') || value === null || value === undefined || (spec === 'd' && !/^-?\d+$/.test(value))) bad = true;
    return value ?? '';
  });
  return bad || next !== values.length ? null : out;
}

/** str.format with `{}`, `{0}`, `{name}` and `{{`/`}}` only; null for anything else. */
function braceFormat(template: string, positional: (string | null)[], named: Record<string, string | null>): string | null {
  let auto = 0;
  let bad = false;
  const out = template.replace(/\{\{|\}\}|\{([^{}]*)\}|[{}]/g, (match, field: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (field === undefined) {
      bad = true;
      return '';
    }
    const value = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : /^[A-Za-z_]\w*$/.test(field) ? named[field] : undefined;
    if (value === null || value === undefined) bad = true;
    return value ?? '';
  });
  return bad ? null : out;
}

/** An f-string (read as unknown) whose `{...}` parts are plain expressions; null when it is not one. */
function fString(expr: Extract<PyExpr, { kind: 'unknown' }>, env: Env, host: ClassEvalHost): string | null {
  const match = /^[fF]([rR]?)(['"])(?!\2\2)([^'"\\\n]*)\2$/.exec(expr.text.trim());
  if (!match) return null;
  const body = match[3] as string;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if ((c === '{' || c === '}') && body[i + 1] === c) {
      out += c;
      i++;
    } else if (c === '{') {
      const end = body.indexOf('}', i);
      const inner = end < 0 ? '' : body.slice(i + 1, end);
      // Conversions, format specs and nested brackets are left unread.
      if (!inner.trim() || /[!:{[(]/.test(inner.replace(/\(\)/g, ''))) return null;
      const text = textOf(evaluate(readInner(inner, expr.range.start.line), env, host), env, host);
      if (text === null) return null;
      out += text;
      i = end;
    } else if (c === '}') return null;
    else out += c;
  }
  return out;
}

function readInner(text: string, row: number): PyExpr {
  try {
    const cursor = new QuickCursor(text, row);
    const read = cursor.expr();
    return Number.isNaN(cursor.peek()) ? read : fail();
  } catch (error) {
    if (error === QUICK_BAIL) return fail();
    throw error;
  }
}

/**
 * A declared_attr attribute as `model` sees it: the attribute itself when its value does not use
 * `cls`, else a copy whose value is computed for `model` (unknown when it cannot be: its column is unseen).
 */
export function attributeForClass(attribute: AttributeFact, owner: ClassInfo, model: ClassInfo, host: ClassEvalHost): AttributeFact {
  const value = attribute.value;
  if (!attribute.declaredAttr || !value || !mentionsCls(value)) return attribute;
  const computed = evaluateForClass(value, owner, model, host) ?? { kind: 'unknown', text: `${attribute.name}(cls)`, range: attribute.range };
  return { name: attribute.name, value: computed, annotation: attribute.annotation, range: attribute.range, declaredAttr: true };
}
