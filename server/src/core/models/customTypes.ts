// Column types that are not SQLAlchemy's own: the project's TypeDecorator subclasses (the SQL type
// is their `impl`, as SQLAlchemy creates and Alembic compares it) and the TypeDecorators of
// sqlalchemy_utils. A decorator that picks its type per database (load_dialect_impl), or that takes
// arguments of its own (__init__) where the type depends on them, stays unresolved, never guessed.
import { inlineCall, literalConstant } from './constants';
import * as l10n from '@vscode/l10n';
import { boolValue, dottedName, numValue, type PyExpr } from '../python/expr';
import { sqlaTypeToPg, type PgTypeResult, type SqlaTypeOptions } from '../schema/sqlaTypes';
import { enumClassOf } from './enums';
import type { ClassFact, ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

type Call = Extract<PyExpr, { kind: 'call' }>;
const MAX_DEPTH = 8;
const TYPE_DECORATOR = /^sqlalchemy\.(types\.)?TypeDecorator$/;

/**
 * sqlalchemy_utils' types as SQLAlchemy 1.4 creates them on PostgreSQL, following each one's
 * `__init__` (sqlalchemy_utils 0.38; every entry is checked against create_all in customTypes.test.ts
 * and libraryTypes.test.ts). Arguments the type ignores are ignored here too (`CountryType`'s impl is
 * an instance, so `CountryType(length=5)` is still VARCHAR(2)); arguments it rejects, or that are not
 * literals where the type depends on them, give null (unresolved, never a guess).
 */
const LIBRARY_TYPES: Record<string, (args: LibraryArgs) => PgTypeResult | null> = {
  // The encrypted value is stored as bytes whatever type_in says.
  EncryptedType: () => ({ type: 'bytea' }),
  StringEncryptedType: (a) => {
    if (!a.only(4, ['type_in', 'key', 'engine', 'padding', 'length'])) return null;
    const length = a.get(-1, 'length');
    return length === undefined ? { type: 'character varying' } : a.varchar(length);
  },
  // ChoiceType(choices, impl=None): the impl given, else Unicode(255).
  ChoiceType: (a) => {
    if (!a.only(2, ['choices', 'impl'])) return null;
    const impl = a.get(1, 'impl');
    return impl === undefined || impl.kind === 'none' ? { type: 'character varying(255)' } : a.impl(impl);
  },
  // A String(2) / String(3) / Unicode(50) instance as impl: TypeDecorator ignores the arguments.
  CountryType: () => ({ type: 'character varying(2)' }),
  CurrencyType: () => ({ type: 'character varying(3)' }),
  TimezoneType: (a) => (a.only(1, ['backend']) ? { type: 'character varying(50)' } : null),
  LocaleType: (a) => (a.only(0, []) ? { type: 'character varying(10)' } : null),
  // EmailType(length=255, *args, **kwargs) → Unicode(length, ...).
  EmailType: (a) => a.varchar(a.get(0, 'length'), 255),
  // IPAddressType(max_length=50, ...), ColorType(max_length=20, ...): impl = Unicode(max_length), whatever else is given.
  IPAddressType: (a) => a.varchar(a.get(0, 'max_length'), 50),
  ColorType: (a) => a.varchar(a.get(0, 'max_length'), 20),
  // PhoneNumberType(region='US', max_length=20, ...).
  PhoneNumberType: (a) => a.varchar(a.get(1, 'max_length'), 20),
  // PasswordType(max_length=None, **kwargs), the keywords going to passlib: BYTEA(length) on PostgreSQL, a plain bytea.
  PasswordType: (a) => (a.positional <= 1 ? { type: 'bytea' } : null),
  JSONType: () => ({ type: 'json' }),
  ScalarListType: (a) => (a.only(2, ['coerce_func', 'separator']) ? { type: 'text' } : null),
  URLType: () => ({ type: 'text' }),
  TSVectorType: () => ({ type: 'tsvector' }),
  // UUIDType(binary=True, native=True): native UUID on PostgreSQL; CHAR(32) when neither (BINARY(16) does not exist there).
  UUIDType: (a) => {
    if (!a.only(2, ['binary', 'native'])) return null;
    const native = a.bool(1, 'native', true);
    const binary = a.bool(0, 'binary', true);
    if (native === true) return { type: 'uuid' };
    return native === false && binary === false ? { type: 'character(32)' } : null;
  },
  // ArrowType(**kwargs) → DateTime(**kwargs); a positional argument would clash with datetime_processor.
  ArrowType: (a) => {
    if (!a.only(0, ['timezone'])) return null;
    const timezone = a.bool(-1, 'timezone', false);
    return timezone === undefined ? null : { type: timezone ? 'timestamp with time zone' : 'timestamp without time zone' };
  },
  LtreeType: () => ({ type: 'ltree' }),
  WeekDaysType: () => ({ type: 'bit(7)' }),
  BitType: (a) => {
    if (!a.only(1, ['length'])) return null;
    const length = a.get(0, 'length');
    const n = length === undefined ? 1 : numValue(length);
    return n !== undefined && Number.isInteger(n) && n > 0 ? { type: `bit(${n})` } : null;
  },
};

/** A library type's call as its readers above see it. */
class LibraryArgs {
  constructor(
    private readonly call: Call | null,
    /** The SQL type of a type expression given as an argument (ChoiceType's impl). */
    readonly impl: (expr: PyExpr) => PgTypeResult,
  ) {}

  get positional(): number {
    return this.call?.args.length ?? 0;
  }

  /** At most `positional` arguments, only keywords in `allowed`, no `*args`. */
  only(positional: number, allowed: readonly string[]): boolean {
    const call = this.call;
    return !call || (!call.hasStarArgs && call.args.length <= positional && Object.keys(call.kwargs).every((k) => allowed.includes(k)));
  }

  /** The argument at `index` (-1: keyword only) or given as `keyword`. */
  get(index: number, keyword: string): PyExpr | undefined {
    return (index >= 0 ? this.call?.args[index] : undefined) ?? this.call?.kwargs[keyword];
  }

  /** A literal boolean argument, `fallback` when absent, undefined when not a literal. */
  bool(index: number, keyword: string, fallback: boolean): boolean | undefined {
    const value = this.get(index, keyword);
    return value === undefined ? fallback : boolValue(value);
  }

  /** VARCHAR(length) for a literal integer length (`fallback` when absent); `*args` leave it unknown. */
  varchar(length: PyExpr | undefined, fallback?: number): PgTypeResult | null {
    if (this.call?.hasStarArgs) return null;
    if ((length === undefined && fallback === undefined) || length?.kind === 'none') return { type: 'character varying' };
    const n = length === undefined ? fallback : numValue(length);
    return n !== undefined && Number.isInteger(n) && n > 0 ? { type: `character varying(${n})` } : null;
  }
}

/** A sqlalchemy_utils type by canonical name (`sqlalchemy_utils.EncryptedType`, `sqlalchemy_utils.types.…`). */
function libraryType(qualified: string, call: Call | null, impl: (expr: PyExpr) => PgTypeResult): PgTypeResult | null {
  const match = /^sqlalchemy_utils(?:\.[a-z_]+)*\.([A-Za-z]+)$/.exec(qualified);
  const read = match ? LIBRARY_TYPES[match[1] as string] : undefined;
  if (!read) return null;
  return (
    read(new LibraryArgs(call, impl)) ?? {
      problem: l10n.t('{0}(...) with these arguments has no SQL type this tool can tell', String(qualified.split('.').pop())),
    }
  );
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
  const typeOf = (e: PyExpr) => sqlaTypeToPg(e, (d) => scope.qualifyIn(module, d), customTypeOptions(scope, module, depth + 1));
  if (symbol.kind === 'external') return libraryType(symbol.qualified, call, typeOf);
  // `BigInt = db.BigInteger().with_variant(db.Integer, "sqlite")`, `Name = db.String(80)`: a module-level
  // type alias is the type it names, read where it is written (used bare, as SQLAlchemy would take it).
  if (symbol.kind === 'assignment' && !call) {
    const value = symbol.fact.value;
    if (value.kind !== 'call' && value.kind !== 'name' && value.kind !== 'attr') return null;
    // Its own constants too: `postgresql.ENUM(..., schema=SCHEMA)`.
    const type = value.kind === 'call' ? inlineCall(value, (e) => literalConstant(scope, symbol.module, e)) : value;
    return sqlaTypeToPg(type, (d) => scope.qualifyIn(symbol.module, d), customTypeOptions(scope, symbol.module, depth + 1));
  }
  if (symbol.kind !== 'class') return null;
  const reading = readClass(scope, symbol.module, symbol.cls, 0, false);
  if (!reading) return null;
  if (reading.kind === 'dialect')
    return { problem: l10n.t('{0} picks its SQL type per database (load_dialect_impl); this tool cannot tell which', reading.name) };
  if (reading.kind === 'library') return libraryType(reading.qualified, call, typeOf);
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
