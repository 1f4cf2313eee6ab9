// A SQLAlchemy `server_default=` → the default text PostgreSQL's pg_get_expr prints for that column.
// PostgreSQL stores a literal default as a constant of the column's type and prints it back with
// its own rules (ruleutils.c get_const_expr): int4 and decimal numerics bare, booleans as true/false,
// everything else quoted with a cast. The rules below were checked against a real server.
import * as l10n from '@vscode/l10n';
import { dottedName, type PyExpr } from '../python/expr';
import type { PyEnumClass } from './sqlaTypes';

export type PgDefaultResult =
  { default: string; /** Set when the text is raw SQL this tool could not normalize the way PostgreSQL will. */ note?: string } | { problem: string };

/** SQL keywords SQLAlchemy emits for these `func.*()` calls, and PostgreSQL prints back the same. */
const KEYWORD_FUNCTIONS: Record<string, string> = {
  current_timestamp: 'CURRENT_TIMESTAMP',
  current_date: 'CURRENT_DATE',
  current_time: 'CURRENT_TIME',
  localtimestamp: 'LOCALTIMESTAMP',
  localtime: 'LOCALTIME',
  current_user: 'CURRENT_USER',
  session_user: 'SESSION_USER',
  current_role: 'CURRENT_ROLE',
  user: 'CURRENT_USER',
};

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The type name PostgreSQL writes in a constant's cast: the column type without its modifier. */
export function castTypeName(columnType: string): string {
  const isArray = columnType.endsWith('[]');
  const element = isArray ? columnType.slice(0, -2) : columnType;
  let bare = element
    .replace(/\(\d+(,\d+)?\)/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (bare === 'character') bare = 'bpchar';
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(bare) && bare !== bare.toLowerCase()) bare = `"${bare}"`;
  return isArray ? `${bare}[]` : bare;
}

const INTEGER_TYPES = new Set(['integer', 'bigint', 'smallint']);
const BOOL_WORDS: Record<string, boolean> = {
  t: true,
  true: true,
  y: true,
  yes: true,
  on: true,
  '1': true,
  f: false,
  false: false,
  n: false,
  no: false,
  off: false,
  '0': false,
};

/** numeric_out of a plain decimal string, or null when it is not one. */
function normalizeDecimal(text: string): string | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const sign = match[1] === '-' ? '-' : '';
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = match[3];
  const digits = fraction === undefined || fraction === '' ? whole : `${whole}.${fraction}`;
  const isZero = /^[0.]+$/.test(digits);
  return `${isZero ? '' : sign}${digits}`;
}

/** jsonb_out: keys ordered by length then bytes, no duplicate keys, ", " and ": " separators. */
function jsonbText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(', ')}}`;
}

/**
 * How PostgreSQL prints a quoted literal used as the default of a column of this type:
 * server_default="x" and text("'x'") both arrive as an untyped literal coerced to the column type.
 */
export function literalDefault(value: string, columnType: string): PgDefaultResult {
  const cast = `::${castTypeName(columnType)}`;
  if (columnType === 'boolean') {
    const word = BOOL_WORDS[value.trim().toLowerCase()];
    return word === undefined ? { problem: l10n.t("'{0}' is not a valid boolean", value) } : { default: String(word) };
  }
  if (INTEGER_TYPES.has(columnType)) {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) return { problem: l10n.t("'{0}' is not a valid {1}", value, columnType) };
    const n = BigInt(value.trim());
    if (columnType === 'integer' && n >= 0n) return { default: n.toString() };
    return { default: `${quote(n.toString())}${cast}` };
  }
  if (columnType.startsWith('numeric')) {
    const normalized = normalizeDecimal(value);
    if (normalized === null) return { default: `${quote(value)}${cast}`, note: l10n.t('PostgreSQL may print this numeric literal differently') };
    // numeric constants print bare only when they could not be read back as an integer.
    return { default: /^\d/.test(normalized) && normalized.includes('.') ? normalized : `${quote(normalized)}${cast}` };
  }
  if (columnType === 'double precision' || columnType === 'real') {
    const n = Number(value.trim());
    if (value.trim() === '' || Number.isNaN(n) || !Number.isFinite(n))
      return { default: `${quote(value)}${cast}`, note: l10n.t('PostgreSQL may print this float literal differently') };
    return { default: `${quote(String(n))}${cast}` };
  }
  if (columnType === 'jsonb') {
    try {
      return { default: `${quote(jsonbText(JSON.parse(value)))}${cast}` };
    } catch {
      return { problem: l10n.t("'{0}' is not valid JSON", value) };
    }
  }
  if (columnType === 'uuid') {
    if (!/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(value.trim()))
      return { problem: l10n.t("'{0}' is not a valid uuid", value) };
    const hex = value.trim().replace(/-/g, '').toLowerCase();
    return { default: `${quote(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`)}${cast}` };
  }
  const exact =
    /^(character varying|character|text|json|bytea)\b/.test(columnType) ||
    (columnType === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) ||
    (/^timestamp.*without time zone$/.test(columnType) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) ||
    (/^time.*without time zone$/.test(columnType) && /^\d{2}:\d{2}:\d{2}$/.test(value)) ||
    (columnType.endsWith('[]') && value === '{}');
  const known = exact || !/^(date|time|timestamp|interval|inet|cidr|macaddr|money|bit)/.test(columnType);
  return known
    ? { default: `${quote(value)}${cast}` }
    : { default: `${quote(value)}${cast}`, note: l10n.t('PostgreSQL may print this {0} literal in its own format', columnType) };
}

/** A quoted SQL string literal `'...'` (with '' escapes), or null. */
function sqlStringLiteral(sql: string): string | null {
  const match = /^'((?:[^']|'')*)'$/.exec(sql);
  return match ? (match[1] ?? '').replace(/''/g, "'") : null;
}

/** Raw SQL from text("..."): the common shapes PostgreSQL prints predictably. */
export function rawSqlDefault(sql: string, columnType: string): PgDefaultResult {
  const text = sql.trim();
  const literal = sqlStringLiteral(text);
  if (literal !== null) return literalDefault(literal, columnType);
  const castMatch = /^('(?:[^']|'')*')\s*::\s*([A-Za-z_][A-Za-z0-9_ ]*(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?)$/.exec(text);
  if (castMatch) {
    const inner = sqlStringLiteral(castMatch[1] ?? '') ?? '';
    const castType = (castMatch[2] ?? '').trim().toLowerCase();
    const sameType = castTypeName(columnType) === castTypeName(castType) || columnType === castType;
    if (sameType || (castType === 'varchar' && columnType.startsWith('character varying'))) return literalDefault(inner, columnType);
    return { default: text, note: l10n.t('a cast to {0} on a {1} column; PostgreSQL may print it differently', castType, columnType) };
  }
  if (/^(true|false)$/i.test(text)) return { default: text.toLowerCase() };
  if (/^\d+$/.test(text)) return { default: BigInt(text).toString() };
  if (/^-\d+$/.test(text)) return { default: `'${BigInt(text).toString()}'::integer` };
  if (/^\d+\.\d+$/.test(text)) return { default: normalizeDecimal(text) ?? text };
  if (/^-\d+\.\d+$/.test(text)) return { default: `'${normalizeDecimal(text) ?? text}'::numeric` };
  const keyword = KEYWORD_FUNCTIONS[text.toLowerCase()];
  if (keyword && text.toLowerCase() !== 'user') return { default: keyword };
  const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*\)$/.exec(text);
  if (call) return { default: `${(call[1] ?? '').toLowerCase()}()` };
  return { default: text, note: l10n.t('raw SQL default: PostgreSQL may print it differently') };
}

export interface DefaultOptions {
  /** Canonical dotted names (see python/imports.ts qualifyName). */
  qualify: (dotted: string) => string;
  /** A Python enum class by the dotted name written, for `server_default=Status.DRAFT.name` (or `.value`). */
  resolveEnumClass?: (dotted: string) => PyEnumClass | null;
}

/**
 * `Status.DRAFT.name` / `Status.DRAFT.value` of an enum class `resolve` knows, as the string it gives;
 * null when it is no such expression.
 */
export function enumMemberText(expr: PyExpr, resolve: DefaultOptions['resolveEnumClass']): { text: string } | { problem: string } | null {
  if (expr.kind !== 'attr' || (expr.attr !== 'name' && expr.attr !== 'value') || expr.object.kind !== 'attr') return null;
  const { object: written, attr: memberName } = expr.object;
  const dotted = dottedName(written);
  const enumClass = dotted === null ? null : (resolve?.(dotted) ?? null);
  if (!enumClass) return null;
  const member = enumClass.members.find((m) => m.name === memberName);
  if (!member) return { problem: l10n.t('{0} has no member {1}', String(dotted), memberName) };
  const text = expr.attr === 'name' ? member.name : member.value;
  if (typeof text !== 'string')
    return { problem: l10n.t('SQLAlchemy rejects a Python number or bool as server_default; write it as a string ("0") or text("0")') };
  return { text };
}

/**
 * The pg_get_expr text for `server_default=<expr>` on a column whose format_type is `columnType`.
 * Accepts a str literal, text("..."), func.now()/func.current_timestamp()/func.X(), sa.true()/sa.false().
 */
export function serverDefaultToPg(expr: PyExpr, columnType: string, options: DefaultOptions): PgDefaultResult {
  if (expr.kind === 'str') return literalDefault(expr.value, columnType);
  if (expr.kind === 'none') return { problem: l10n.t('server_default=None means no default; drop the argument') };
  if (expr.kind === 'num' || expr.kind === 'bool') {
    return { problem: l10n.t('SQLAlchemy rejects a Python number or bool as server_default; write it as a string ("0") or text("0")') };
  }
  const member = enumMemberText(expr, options.resolveEnumClass);
  if (member) return 'problem' in member ? member : literalDefault(member.text, columnType);
  if (expr.kind !== 'call') return { problem: l10n.t('server_default is not a literal, text(...) or func.*() call') };
  const written = dottedName(expr.func);
  const qualified = written === null ? null : options.qualify(written);
  if (qualified === null) return { problem: l10n.t('server_default is not a literal, text(...) or func.*() call') };
  if (qualified === 'sqlalchemy.text' || qualified === 'sqlalchemy.literal_column') {
    const sql = expr.args[0]?.kind === 'str' ? expr.args[0].value : undefined;
    if (sql === undefined) return { problem: l10n.t('{0}(...) needs a literal SQL string', String(written)) };
    return rawSqlDefault(sql, columnType);
  }
  if (qualified === 'sqlalchemy.true' || qualified === 'sqlalchemy.false') return { default: qualified.slice('sqlalchemy.'.length) };
  const func = /^sqlalchemy\.func\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(qualified);
  if (func) {
    const name = (func[1] ?? '').toLowerCase();
    if (expr.args.length > 0 || Object.keys(expr.kwargs).length > 0) {
      return { problem: l10n.t('func.{0}(...) with arguments is not evaluated statically', String(func[1])) };
    }
    const keyword = KEYWORD_FUNCTIONS[name];
    return { default: keyword ?? `${name}()` };
  }
  return { problem: l10n.t('server_default={0}(...) is not something this tool can evaluate', String(written)) };
}
