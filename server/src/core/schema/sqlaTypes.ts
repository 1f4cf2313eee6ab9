// SQLAlchemy type expressions → the column type PostgreSQL's format_type prints after SQLAlchemy 1.4
// created the column. Every entry was read back from a real PostgreSQL (see the oracle tests);
// anything not listed is reported as a problem, never guessed.
import * as l10n from '@vscode/l10n';
import { boolValue, dottedName, numValue, strValue, type PyExpr } from '../python/expr';
import { tableKey } from './tableKey';

export interface PgEnumType {
  name: string;
  values: string[];
}

/** A CHECK SQLAlchemy adds for a non-native Enum with create_constraint=True: `<column> IN (labels)`. */
export interface EnumCheck {
  /** The Enum's name=, which SQLAlchemy uses as the constraint name; null leaves it to PostgreSQL. */
  name: string | null;
  values: string[];
}

export type PgTypeResult = { type: string; enum?: PgEnumType; enumCheck?: EnumCheck } | { problem: string };

/** A Python `enum.Enum` class of the project, as the caller read it. */
export interface PyEnumClass {
  /** The class name (SQLAlchemy names the PostgreSQL type after it, lower-cased). */
  name: string;
  members: { name: string; value: string | number | null }[];
}

export interface SqlaTypeOptions {
  /** Resolves a dotted name used in `Enum(X)` to a project enum class, or null when it is not one. */
  resolveEnumClass?: (dotted: string) => PyEnumClass | null;
  /** The SQL type of a type that is not SQLAlchemy's own (a project TypeDecorator…); null when it is not one. */
  resolveCustomType?: (expr: PyExpr) => PgTypeResult | null;
}

const PLAIN: Record<string, string> = {
  Text: 'text',
  TEXT: 'text',
  UnicodeText: 'text',
  CLOB: 'problem',
  Integer: 'integer',
  INTEGER: 'integer',
  INT: 'integer',
  BigInteger: 'bigint',
  BIGINT: 'bigint',
  SmallInteger: 'smallint',
  SMALLINT: 'smallint',
  Boolean: 'boolean',
  BOOLEAN: 'boolean',
  REAL: 'real',
  DOUBLE_PRECISION: 'double precision',
  DOUBLE: 'double precision',
  Double: 'double precision',
  Date: 'date',
  DATE: 'date',
  LargeBinary: 'bytea',
  BYTEA: 'bytea',
  PickleType: 'bytea',
  JSON: 'json',
  JSONB: 'jsonb',
  Uuid: 'uuid',
  UUID: 'uuid',
  INET: 'inet',
  CIDR: 'cidr',
  MACADDR: 'macaddr',
  MACADDR8: 'macaddr8',
  MONEY: 'money',
  OID: 'oid',
  TSVECTOR: 'tsvector',
  INT4RANGE: 'int4range',
  INT8RANGE: 'int8range',
  NUMRANGE: 'numrange',
  DATERANGE: 'daterange',
  TSRANGE: 'tsrange',
  TSTZRANGE: 'tstzrange',
};

/** Type names valid on PostgreSQL under `sqlalchemy.X`, `sqlalchemy.types.X` and `sqlalchemy.dialects.postgresql.X`. */
function typeBaseName(qualified: string): string | null {
  const match = /^sqlalchemy\.(?:dialects\.postgresql\.)?([A-Za-z_][A-Za-z0-9_]*)$/.exec(qualified);
  return match ? (match[1] ?? null) : null;
}

type Args = { args: PyExpr[]; kwargs: Record<string, PyExpr> };

/** A positional-or-keyword argument. */
function arg(call: Args, index: number, keyword: string): PyExpr | undefined {
  return call.kwargs[keyword] ?? call.args[index];
}

/** An optional integer argument: undefined when absent or None, NaN when not a literal integer. */
function intArg(call: Args, index: number, keyword: string): number | undefined {
  const value = arg(call, index, keyword);
  if (value === undefined || value.kind === 'none') return undefined;
  const n = numValue(value);
  return n !== undefined && Number.isInteger(n) ? n : NaN;
}

function lengthType(base: string, call: Args, lengthIndex = 0): PgTypeResult {
  const length = intArg(call, lengthIndex, 'length');
  if (Number.isNaN(length)) return { problem: l10n.t('the length is not a literal integer') };
  return { type: length === undefined ? base : `${base}(${length})` };
}

function timeZoneType(base: 'timestamp' | 'time', call: Args, defaultTz: boolean): PgTypeResult {
  const tzExpr = arg(call, 0, 'timezone');
  const timezone = tzExpr === undefined ? defaultTz : boolValue(tzExpr);
  if (timezone === undefined) return { problem: l10n.t('timezone= is not a literal True/False') };
  const precision = call.kwargs.precision ? intArg(call, -1, 'precision') : undefined;
  if (Number.isNaN(precision)) return { problem: l10n.t('precision= is not a literal integer') };
  const p = precision === undefined ? '' : `(${precision})`;
  return { type: `${base}${p} ${timezone ? 'with' : 'without'} time zone` };
}

function numericType(call: Args): PgTypeResult {
  const precision = intArg(call, 0, 'precision');
  const scale = intArg(call, 1, 'scale');
  if (Number.isNaN(precision) || Number.isNaN(scale)) return { problem: l10n.t('precision/scale are not literal integers') };
  if (precision === undefined) return { type: 'numeric' };
  return { type: `numeric(${precision},${scale ?? 0})` };
}

function floatType(call: Args): PgTypeResult {
  const precision = intArg(call, 0, 'precision');
  if (Number.isNaN(precision)) return { problem: l10n.t('precision is not a literal integer') };
  // PostgreSQL: float(1..24) is real, float(25..53) and plain float are double precision.
  return { type: precision !== undefined && precision <= 24 ? 'real' : 'double precision' };
}

/** `lambda x: [e.value for e in x]`: the one values_callable that can be read statically. */
function readsMemberValues(expr: PyExpr): boolean {
  return expr.kind === 'unknown' && /^lambda\s+(\w+)\s*:\s*\[\s*(\w+)\.value\s+for\s+\2\s+in\s+\1\s*\]$/.test(expr.text.trim());
}

function enumType(call: Args, options: SqlaTypeOptions, dialectEnum: boolean): PgTypeResult {
  let values: string[] = [];
  let className: string | null = null;
  const first = call.args[0];
  const enumClass = first && first.kind !== 'str' ? dottedName(first) : null;
  if (enumClass !== null) {
    const resolved = options.resolveEnumClass?.(enumClass) ?? null;
    if (!resolved) return { problem: l10n.t('Enum({0}): the enum class could not be found in the project', enumClass) };
    className = resolved.name;
    const valuesCallable = call.kwargs.values_callable;
    if (valuesCallable && !readsMemberValues(valuesCallable)) return { problem: l10n.t('values_callable= cannot be evaluated statically') };
    if (valuesCallable) {
      if (resolved.members.some((m) => m.value === null)) return { problem: l10n.t('{0} has member values that are not literals', enumClass) };
      values = resolved.members.map((m) => String(m.value));
    } else {
      values = resolved.members.map((m) => m.name);
    }
  } else {
    for (const value of call.args) {
      const label = strValue(value);
      if (label === undefined) return { problem: l10n.t('an Enum label is not a string literal') };
      values.push(label);
    }
  }
  const nameExpr = call.kwargs.name;
  const name = nameExpr === undefined || nameExpr.kind === 'none' ? className?.toLowerCase() : strValue(nameExpr);
  if (nameExpr !== undefined && nameExpr.kind !== 'none' && name === undefined) return { problem: l10n.t('the Enum name= is not a string literal') };
  const native = call.kwargs.native_enum === undefined ? true : boolValue(call.kwargs.native_enum);
  if (native === undefined) return { problem: l10n.t('native_enum= is not a literal True/False') };
  if (!native && !dialectEnum) {
    const length = intArg(call, -1, 'length');
    if (Number.isNaN(length)) return { problem: l10n.t('length= is not a literal integer') };
    const type = `character varying(${length ?? Math.max(0, ...values.map((v) => v.length))})`;
    const constrained = call.kwargs.create_constraint === undefined ? false : boolValue(call.kwargs.create_constraint);
    if (constrained === undefined) return { problem: l10n.t('create_constraint= is not a literal True/False') };
    return constrained ? { type, enumCheck: { name: name ?? null, values } } : { type };
  }
  if (!name) return { problem: l10n.t('a PostgreSQL ENUM needs a name (name="...")') };
  // schema="audit": the type lives there, keyed as a table there is (format_type prints audit.kind).
  const schemaExpr = call.kwargs.schema;
  const schema = schemaExpr === undefined || schemaExpr.kind === 'none' ? null : strValue(schemaExpr);
  if (schema === undefined) return { problem: l10n.t('the Enum schema= is not a string literal') };
  const key = tableKey(name, schema);
  return { type: key, enum: { name: key, values } };
}

function arrayType(call: Args, qualify: (dotted: string) => string, options: SqlaTypeOptions): PgTypeResult {
  const item = arg(call, 0, 'item_type');
  if (!item) return { problem: l10n.t('ARRAY() needs an item type') };
  const inner = sqlaTypeToPg(item, qualify, options);
  if ('problem' in inner) return inner;
  return { type: `${inner.type}[]`, ...(inner.enum ? { enum: inner.enum } : {}) };
}

function intervalType(call: Args, dialect: boolean): PgTypeResult {
  if (!dialect) return { type: 'interval' };
  const fields = call.kwargs.fields;
  const fieldText = fields === undefined || fields.kind === 'none' ? '' : strValue(fields);
  if (fieldText === undefined) return { problem: l10n.t('fields= is not a string literal') };
  const precision = intArg(call, 0, 'precision');
  if (Number.isNaN(precision)) return { problem: l10n.t('precision is not a literal integer') };
  const f = fieldText ? ` ${fieldText.toLowerCase()}` : '';
  return { type: `interval${f}${precision === undefined ? '' : `(${precision})`}` };
}

/**
 * Maps a SQLAlchemy type expression (`String`, `sa.String(120)`, `postgresql.UUID(as_uuid=True)`,
 * `Enum(Status, name="status")`, …) to PostgreSQL's format_type spelling.
 * `qualify` turns the dotted names written in the module into canonical ones (see python/imports.ts).
 */
export function sqlaTypeToPg(expr: PyExpr, qualify: (dotted: string) => string, options: SqlaTypeOptions = {}): PgTypeResult {
  // MutableDict.as_mutable(JSONB) / MutableList.as_mutable(ARRAY(...)) return the type they wrap.
  if (expr.kind === 'call' && expr.func.kind === 'attr' && expr.func.attr === 'as_mutable' && expr.args.length === 1 && expr.args[0]) {
    return sqlaTypeToPg(expr.args[0], qualify, options);
  }
  // BigInteger().with_variant(Integer, "sqlite"): the variant is the type on the dialects it names only.
  if (expr.kind === 'call' && expr.func.kind === 'attr' && expr.func.attr === 'with_variant' && expr.args[0] && !expr.hasStarArgs) {
    const names = [...expr.args.slice(1), ...(expr.kwargs.dialect_name ? [expr.kwargs.dialect_name] : [])];
    if (names.some((n) => n.kind !== 'str')) return { problem: l10n.t('the column type is not a plain type name') };
    const onPostgres = names.some((n) => n.kind === 'str' && (n.value === 'postgresql' || n.value === 'postgres'));
    return sqlaTypeToPg(onPostgres ? expr.args[0] : expr.func.object, qualify, options);
  }
  const callee = expr.kind === 'call' ? expr.func : expr;
  const written = dottedName(callee);
  if (written === null) return { problem: l10n.t('the column type is not a plain type name') };
  const qualified = qualify(written);
  const base = typeBaseName(qualified);
  if (base === null) {
    const custom = options.resolveCustomType?.(expr);
    if (custom) return custom;
  }
  if (base === null) return { problem: l10n.t('unknown column type {0} ({1}); it is not a SQLAlchemy type this tool knows', written, qualified) };
  const call: Args = expr.kind === 'call' ? expr : { args: [], kwargs: {} };
  if (expr.kind === 'call' && expr.hasStarArgs) return { problem: l10n.t('{0}(*args) cannot be read statically', written) };
  const dialect = qualified.startsWith('sqlalchemy.dialects.postgresql.');
  switch (base) {
    case 'String':
    case 'VARCHAR':
    case 'Unicode':
      return lengthType('character varying', call);
    case 'CHAR':
    case 'NCHAR': {
      const result = lengthType('character', call);
      return 'type' in result && result.type === 'character' ? { type: 'character(1)' } : result;
    }
    case 'Text':
    case 'TEXT':
    case 'UnicodeText':
      // PostgreSQL rejects TEXT(n), which SQLAlchemy would emit.
      return call.args.length > 0 || call.kwargs.length !== undefined
        ? { problem: l10n.t('{0}(length) is not valid on PostgreSQL', written) }
        : { type: 'text' };
    case 'Float':
    case 'FLOAT':
      return floatType(call);
    case 'Numeric':
    case 'NUMERIC':
    case 'DECIMAL':
      return numericType(call);
    case 'DateTime':
      return timeZoneType('timestamp', call, false);
    case 'TIMESTAMP':
      return timeZoneType('timestamp', call, false);
    case 'Time':
    case 'TIME':
      return timeZoneType('time', call, false);
    case 'Interval':
    case 'INTERVAL':
      return intervalType(call, dialect || base === 'INTERVAL');
    case 'Enum':
      return enumType(call, options, false);
    case 'ENUM':
      return dialect ? enumType(call, options, true) : { problem: l10n.t('ENUM is the PostgreSQL dialect type; use sqlalchemy.Enum or postgresql.ENUM') };
    case 'ARRAY':
      return arrayType(call, qualify, options);
    case 'BIT': {
      const length = intArg(call, 0, 'length');
      if (Number.isNaN(length)) return { problem: l10n.t('the BIT length is not a literal integer') };
      const varying = boolValue(call.kwargs.varying) === true;
      return { type: varying ? (length === undefined ? 'bit varying' : `bit varying(${length})`) : `bit(${length ?? 1})` };
    }
  }
  const plain = PLAIN[base];
  if (plain !== undefined && plain !== 'problem') return { type: plain };
  return { problem: l10n.t('{0} ({1}) has no PostgreSQL mapping this tool knows; SQLAlchemy would not create it as written', written, qualified) };
}
