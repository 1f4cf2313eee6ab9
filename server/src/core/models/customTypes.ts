// Column types that are not SQLAlchemy's own: the project's TypeDecorator subclasses (the SQL type
// is their `impl`, as SQLAlchemy creates and Alembic compares it) and the TypeDecorators of
// sqlalchemy_utils. A decorator that picks its type per database (load_dialect_impl), or that takes
// arguments of its own (__init__) where the type depends on them, stays unresolved, never guessed.
import * as l10n from '@vscode/l10n';
import { boolValue, dottedName, numValue, type PyExpr } from '../python/expr';
import { sqlaTypeToPg, type PgTypeResult, type SqlaTypeOptions } from '../schema/sqlaTypes';
import { enumClassOf } from './enums';
import type { ClassFact, ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

type Call = Extract<PyExpr, { kind: 'call' }>;
const MAX_DEPTH = 8;
const TYPE_DECORATOR = /^sqlalchemy\.(types\.)?TypeDecorator$/;

/** Only literal keywords in `allowed` (and at most `positional` arguments) leave the type as listed. */
function onlyArgs(call: Call | null, positional: number, allowed: readonly string[]): boolean {
  if (!call) return true;
  return !call.hasStarArgs && call.args.length <= positional && Object.keys(call.kwargs).every((k) => allowed.includes(k));
}

/**
 * sqlalchemy_utils' TypeDecorators, as SQLAlchemy 1.4 creates them on PostgreSQL (read back from
 * sqlalchemy_utils 0.38 with `dialect_impl(postgresql.dialect())`; see customTypes.test.ts).
 */
const LIBRARY_TYPES: Record<string, (call: Call | null) => PgTypeResult | null> = {
  // The encrypted value is stored as bytes whatever type_in says.
  EncryptedType: () => ({ type: 'bytea' }),
  StringEncryptedType: (call) => {
    const length = call?.kwargs.length;
    if (!length) return onlyArgs(call, 4, ['key', 'engine', 'padding', 'type_in']) ? { type: 'character varying' } : null;
    const n = numValue(length);
    return n !== undefined && Number.isInteger(n) ? { type: `character varying(${n})` } : null;
  },
  ChoiceType: (call) => (onlyArgs(call, 1, ['choices']) ? { type: 'character varying(255)' } : null),
  CountryType: (call) => (onlyArgs(call, 0, []) ? { type: 'character varying(2)' } : null),
  CurrencyType: (call) => (onlyArgs(call, 0, []) ? { type: 'character varying(3)' } : null),
  EmailType: (call) => (onlyArgs(call, 0, []) ? { type: 'character varying(255)' } : null),
  IPAddressType: (call) => (onlyArgs(call, 0, []) ? { type: 'character varying(50)' } : null),
  LocaleType: (call) => (onlyArgs(call, 0, []) ? { type: 'character varying(10)' } : null),
  TimezoneType: (call) => (onlyArgs(call, 0, ['backend']) ? { type: 'character varying(50)' } : null),
  JSONType: () => ({ type: 'json' }),
  ScalarListType: () => ({ type: 'text' }),
  URLType: () => ({ type: 'text' }),
  TSVectorType: () => ({ type: 'tsvector' }),
  UUIDType: (call) => {
    const native = call?.kwargs.native;
    return native === undefined || boolValue(native) === true ? { type: 'uuid' } : null;
  },
  ArrowType: (call) => (onlyArgs(call, 0, []) ? { type: 'timestamp without time zone' } : null),
  LtreeType: () => ({ type: 'ltree' }),
  WeekDaysType: () => ({ type: 'bit(7)' }),
};

/** A sqlalchemy_utils type by canonical name (`sqlalchemy_utils.EncryptedType`, `sqlalchemy_utils.types.…`). */
function libraryType(qualified: string, call: Call | null): PgTypeResult | null {
  const match = /^sqlalchemy_utils(?:\.[a-z_]+)*\.([A-Za-z]+)$/.exec(qualified);
  const read = match ? LIBRARY_TYPES[match[1] as string] : undefined;
  if (!read) return null;
  return read(call) ?? { problem: l10n.t('{0}(...) with these arguments has no SQL type this tool can tell', String(qualified.split('.').pop())) };
}

/** What a class stands for as a column type: its own impl, a library type it extends, or nothing. */
type Reading = { kind: 'impl'; impl: PyExpr; module: ModuleFacts; init: boolean } | { kind: 'library'; qualified: string } | { kind: 'dialect'; name: string };

function readClass(scope: ProjectScope, module: ModuleFacts, cls: ClassFact, depth: number, init: boolean): Reading | null {
  if (depth > MAX_DEPTH) return null;
  if (cls.methods.includes('load_dialect_impl')) return { kind: 'dialect', name: cls.name };
  const ownInit = init || cls.methods.includes('__init__');
  const impl = cls.attributes.find((a) => a.name === 'impl' && a.value)?.value;
  for (const base of cls.bases) {
    const dotted = dottedName(base);
    const symbol = dotted === null ? null : scope.resolve(module, dotted);
    if (symbol?.kind === 'external') {
      if (TYPE_DECORATOR.test(symbol.qualified)) return impl ? { kind: 'impl', impl, module, init: ownInit } : null;
      if (/^sqlalchemy_utils\./.test(symbol.qualified)) {
        if (impl) return { kind: 'impl', impl, module, init: ownInit };
        return { kind: 'library', qualified: symbol.qualified };
      }
    } else if (symbol?.kind === 'class') {
      const inherited = readClass(scope, symbol.module, symbol.cls, depth + 1, ownInit);
      if (inherited?.kind === 'impl' && impl) return { kind: 'impl', impl, module, init: ownInit };
      if (inherited) return inherited;
    }
  }
  return null;
}

/**
 * The SQL type of `expr` written in `module` when it names a project TypeDecorator or a
 * sqlalchemy_utils type; null when it is neither (the caller reports it as unknown).
 */
export function customColumnType(scope: ProjectScope, module: ModuleFacts, expr: PyExpr, depth = 0): PgTypeResult | null {
  if (depth > MAX_DEPTH) return null;
  const call = expr.kind === 'call' ? expr : null;
  const dotted = dottedName(call ? call.func : expr);
  const symbol = dotted === null ? null : scope.resolve(module, dotted);
  if (!symbol) return null;
  if (symbol.kind === 'external') return libraryType(symbol.qualified, call);
  if (symbol.kind !== 'class') return null;
  const reading = readClass(scope, symbol.module, symbol.cls, 0, false);
  if (!reading) return null;
  if (reading.kind === 'dialect')
    return { problem: l10n.t('{0} picks its SQL type per database (load_dialect_impl); this tool cannot tell which', reading.name) };
  if (reading.kind === 'library') return libraryType(reading.qualified, call);
  let impl = reading.impl;
  const passesArgs = call !== null && (call.args.length > 0 || Object.keys(call.kwargs).length > 0 || call.hasStarArgs);
  // TypeDecorator(*args) builds `impl(*args)` when impl is a class; an instance ignores them.
  if (passesArgs && impl.kind !== 'call') {
    if (reading.init) return { problem: l10n.t('{0}(...) takes arguments of its own (__init__); its SQL type cannot be told statically', symbol.cls.name) };
    impl = { ...call, func: impl };
  }
  return sqlaTypeToPg(impl, (d) => scope.qualifyIn(reading.module, d), customTypeOptions(scope, reading.module, depth + 1));
}

/** sqlaTypeToPg options for types written in `module`: its enum classes and custom types. */
export function customTypeOptions(scope: ProjectScope, module: ModuleFacts, depth = 0): SqlaTypeOptions {
  return {
    resolveEnumClass: (dotted) => enumClassOf(scope, module, dotted),
    resolveCustomType: (expr) => customColumnType(scope, module, expr, depth),
  };
}
