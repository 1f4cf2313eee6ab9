// SQLAlchemy-Continuum's configuration as the models' modules write it: `make_versioned(...)` with its
// manager, plugins, options and user_cls, read into plain data (continuum.ts builds the tables from
// it). Rules from Continuum's own source (1.3 to 2.0: __init__.make_versioned, manager.VersioningManager,
// transaction.TransactionFactory, plugins/*). What cannot be read is a note, never a guess.
import * as l10n from '@vscode/l10n';
import { calleeName, dottedName, type PyExpr } from '../python/expr';
import type { SourceLocation } from '../source';
import type { ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

/** VersioningManager's options that shape tables (the rest only change behaviour). */
export interface ContinuumOptions {
  versioning: boolean;
  tableName: string;
  exclude: string[];
  include: string[];
  createTables: boolean;
  transactionColumn: string;
  endTransactionColumn: string;
  operationTypeColumn: string;
  strategy: string;
}

export const DEFAULT_OPTIONS: ContinuumOptions = {
  versioning: true,
  tableName: '%s_version',
  exclude: [],
  include: [],
  createTables: true,
  transactionColumn: 'transaction_id',
  endTransactionColumn: 'end_transaction_id',
  operationTypeColumn: 'operation_type',
  strategy: 'validity',
};

const OPTION_KEYS: Record<string, keyof ContinuumOptions> = {
  versioning: 'versioning',
  table_name: 'tableName',
  exclude: 'exclude',
  include: 'include',
  create_tables: 'createTables',
  transaction_column_name: 'transactionColumn',
  end_transaction_column_name: 'endTransactionColumn',
  operation_type_column_name: 'operationTypeColumn',
  strategy: 'strategy',
};

export type ContinuumPlugin = 'propertyModTracker' | 'transactionChanges' | 'transactionMeta' | 'activity';

/** Plugins by class name; FlaskPlugin and NullDeletePlugin add no table or column. */
const PLUGINS: Record<string, ContinuumPlugin | null> = {
  PropertyModTrackerPlugin: 'propertyModTracker',
  TransactionChangesPlugin: 'transactionChanges',
  TransactionMetaPlugin: 'transactionMeta',
  ActivityPlugin: 'activity',
  FlaskPlugin: null,
  NullDeletePlugin: null,
};

/** Where something could not be read: its tables are uncertain, with this reason. */
export interface ContinuumDoubt {
  reason: string;
  location: SourceLocation;
}

export interface ContinuumConfig {
  /** The make_versioned(...) call. */
  location: SourceLocation;
  options: ContinuumOptions;
  plugins: Set<ContinuumPlugin>;
  /** `user_cls=`: a class name or dotted name as written (with its module), or null for None. */
  userCls: { written: string; module: ModuleFacts; literal: boolean } | null;
  /**
   * TransactionFactory(remote_addr=...); null when the project gives its own Transaction model.
   * `doubt`: something unread (the table is taken as the migrations have it); `guess`: a project's
   * own factory, taken as Continuum's (the table is derived, its findings uncertain).
   */
  transaction: { remoteAddr: boolean; doubt?: ContinuumDoubt; guess?: ContinuumDoubt } | null;
  /** Something that may change every version table (unread options or plugins). */
  doubt?: ContinuumDoubt;
  /** A project's own Builder rewrites build_relationships: association version tables taken as Continuum's, uncertain. */
  associationGuess?: ContinuumDoubt;
  /** Notes for what could not be read. */
  notes: { message: string; location: SourceLocation }[];
}

export const CONTINUUM_TEXT = {
  unreadable: (what: string) =>
    l10n.t(
      'SQLAlchemy-Continuum: {0} cannot be read statically; the tables it shapes are taken as the migrations have them, never reported or written as changed',
      what,
    ),
  ownFactory: (name: string) =>
    l10n.t(
      "SQLAlchemy-Continuum: {0} overrides TransactionFactory; the transaction table is taken as Continuum's own factory builds it, and is uncertain (its findings are info, never data-loss warnings)",
      name,
    ),
  ownBuilder: (name: string) =>
    l10n.t(
      "SQLAlchemy-Continuum: {0} overrides Builder.build_relationships; the association version tables are taken as Continuum's own builder makes them, and are uncertain (their findings are info, never data-loss warnings)",
      name,
    ),
  notVersioned: l10n.t(
    'SQLAlchemy-Continuum: __versioned__ is set but no make_versioned(...) call was found in the models; the version tables are taken as the migrations have them',
  ),
};

const CONTINUUM = /^sqlalchemy_continuum(\.|$)/;

interface Reader {
  module: ModuleFacts;
  scope: ProjectScope;
  config: ContinuumConfig;
}

function at(module: ModuleFacts, expr: PyExpr): SourceLocation {
  return { file: module.path, range: expr.range };
}

function doubt(r: Reader, what: string, expr: PyExpr, field: 'doubt' | 'transaction' = 'doubt'): void {
  const message = CONTINUUM_TEXT.unreadable(what);
  const location = at(r.module, expr);
  r.config.notes.push({ message, location });
  if (field === 'doubt') r.config.doubt ??= { reason: message, location };
  else if (r.config.transaction) r.config.transaction.doubt ??= { reason: message, location };
}

/** A literal value as JSON-like data, or undefined when it is not one. */
function literal(expr: PyExpr): unknown {
  if (expr.kind === 'str' || expr.kind === 'bool' || expr.kind === 'num') return expr.value;
  if (expr.kind === 'none') return null;
  if (expr.kind === 'list' || expr.kind === 'tuple' || expr.kind === 'set') {
    const items = expr.items.map(literal);
    return items.includes(undefined) ? undefined : items;
  }
  return undefined;
}

/** A name bound at module level to a value, followed once (`OPTIONS = {...}; make_versioned(options=OPTIONS)`). */
function followName(r: Reader, expr: PyExpr): PyExpr {
  if (expr.kind !== 'name') return expr;
  return r.module.assignments.get(expr.id)?.value ?? expr;
}

/** Reads a dict of options into `options` (`__versioned__ = {...}` uses it too); false when it is not literal. */
export function readOptions(expr: PyExpr, options: ContinuumOptions, onUnreadable: (what: string, at: PyExpr) => void): boolean {
  if (expr.kind !== 'dict') return false;
  for (const { key, value } of expr.entries) {
    if (key.kind !== 'str') {
      onUnreadable(l10n.t('an option whose key is not a string'), key);
      continue;
    }
    const field = OPTION_KEYS[key.value];
    if (!field) continue;
    const read = literal(value);
    const expected = typeof DEFAULT_OPTIONS[field];
    const fits = Array.isArray(DEFAULT_OPTIONS[field]) ? Array.isArray(read) && read.every((x) => typeof x === 'string') : typeof read === expected;
    if (!fits) onUnreadable(l10n.t('option "{0}"', key.value), value);
    else (options as unknown as Record<string, unknown>)[field] = read;
  }
  return true;
}

function readPlugins(r: Reader, expr: PyExpr): void {
  const list = followName(r, expr);
  if (list.kind !== 'list' && list.kind !== 'tuple') return doubt(r, 'plugins=', expr);
  r.config.plugins.clear();
  for (const item of list.items) {
    const callee = item.kind === 'call' ? calleeName(item) : null;
    const qualified = callee === null ? '' : r.scope.qualifyIn(r.module, callee);
    const name = qualified.split('.').pop() ?? '';
    if (!CONTINUUM.test(qualified) || !(name in PLUGINS)) {
      doubt(r, l10n.t('the plugin {0}', callee ?? item.kind), item);
      continue;
    }
    const plugin = PLUGINS[name];
    if (plugin) r.config.plugins.add(plugin);
  }
}

function readUserCls(r: Reader, expr: PyExpr): void {
  if (expr.kind === 'none') r.config.userCls = null;
  else if (expr.kind === 'str') r.config.userCls = { written: expr.value, module: r.module, literal: true };
  else {
    const dotted = dottedName(expr);
    if (dotted === null) doubt(r, 'user_cls=', expr, 'transaction');
    else r.config.userCls = { written: dotted, module: r.module, literal: false };
  }
}

/** `transaction_cls=`: Continuum's TransactionFactory(...), a project subclass of it, or the project's own model. */
function readTransactionCls(r: Reader, expr: PyExpr): void {
  const value = followName(r, expr);
  const callee = value.kind === 'call' ? calleeName(value) : null;
  if (value.kind === 'call' && callee !== null) {
    const qualified = r.scope.qualifyIn(r.module, callee);
    const remote = value.kwargs.remote_addr ?? value.args[0];
    const remoteAddr = remote === undefined ? true : literal(remote);
    const own = !CONTINUUM.test(qualified) ? projectSubclass(r, callee, /TransactionFactory$/) : null;
    if (CONTINUUM.test(qualified) || own) {
      if (typeof remoteAddr !== 'boolean') {
        r.config.transaction = { remoteAddr: true };
        return doubt(r, 'remote_addr=', remote ?? value, 'transaction');
      }
      r.config.transaction = { remoteAddr };
      if (own && ['create_class', '__init__', '__call__'].some((m) => own.methods.has(m))) {
        const message = CONTINUUM_TEXT.ownFactory(own.name);
        r.config.notes.push({ message, location: at(r.module, value) });
        r.config.transaction.guess = { reason: message, location: at(r.module, value) };
      }
      return;
    }
  }
  // A model class of the project's own: its table is declared like any other model.
  const dotted = dottedName(value);
  if (dotted !== null && r.scope.resolve(r.module, dotted)?.kind === 'class') {
    r.config.transaction = null;
    return;
  }
  r.config.transaction = { remoteAddr: true };
  doubt(r, 'transaction_cls=', expr, 'transaction');
}

/** A project class deriving (through its first bases) from a Continuum class named like `base`, with the methods it overrides. */
function projectSubclass(r: Reader, dotted: string, base: RegExp): { name: string; methods: Set<string> } | null {
  let symbol = r.scope.resolve(r.module, dotted);
  const methods = new Set<string>();
  for (let depth = 0; depth < 8 && symbol?.kind === 'class'; depth++) {
    const { cls, module } = symbol;
    for (const method of cls.methods) methods.add(method);
    const first = cls.bases[0];
    const baseName = first ? dottedName(first) : null;
    if (baseName === null) return null;
    const qualified = r.scope.qualifyIn(module, baseName);
    if (CONTINUUM.test(qualified) && base.test(qualified)) return { name: dotted, methods };
    symbol = r.scope.resolve(module, baseName);
  }
  return null;
}

/** Builder methods that build tables: a project Builder overriding one may build anything. */
const TABLE_BUILDING = ['build_tables', 'build_transaction_class', 'configure_versioned_classes', '__init__'];

/**
 * `builder=PatchedBuilder()`: a project subclass of Continuum's Builder. One that rewrites
 * build_relationships (ihatemoney's, for a query fix) is taken as building the association version
 * tables as Continuum's does, uncertain; one that rewrites the table building leaves every table unread.
 */
function readBuilder(r: Reader, expr: PyExpr): void {
  const callee = expr.kind === 'call' ? calleeName(expr) : null;
  const own = callee === null ? null : projectSubclass(r, callee, /\.Builder$/);
  if (!own || TABLE_BUILDING.some((m) => own.methods.has(m))) return doubt(r, 'builder=', expr);
  if (own.methods.has('build_relationships')) {
    const message = CONTINUUM_TEXT.ownBuilder(own.name);
    r.config.notes.push({ message, location: at(r.module, expr) });
    r.config.associationGuess = { reason: message, location: at(r.module, expr) };
  }
}

/** `manager=VersioningManager(...)` (or a project subclass): its own transaction_cls, options and plugins. */
function readManager(r: Reader, expr: PyExpr): void {
  const value = followName(r, expr);
  if (value.kind !== 'call') return doubt(r, 'manager=', expr);
  if (value.args.length > 0 || value.hasStarArgs) doubt(r, l10n.t('positional arguments of the versioning manager'), value);
  const { transaction_cls: transactionCls, options, plugins, builder } = value.kwargs;
  if (builder) readBuilder(r, builder);
  if (transactionCls) readTransactionCls(r, transactionCls);
  if (options) readOptionsArg(r, options);
  if (plugins) readPlugins(r, plugins);
}

function readOptionsArg(r: Reader, expr: PyExpr): void {
  const value = followName(r, expr);
  const read = readOptions(value, r.config.options, (what, where) => doubt(r, what, where));
  if (!read) doubt(r, 'options=', expr);
}

/** The project's make_versioned(...) call (the first one found), or null when there is none. */
export function readContinuumConfig(modules: ModuleFacts[], scope: ProjectScope): ContinuumConfig | null {
  for (const module of modules) {
    for (const call of module.calls) {
      if (call.kind !== 'call') continue;
      const callee = calleeName(call);
      // The name test first: this runs on every reading, over every module-level call.
      if (callee === null || !callee.endsWith('make_versioned') || scope.qualifyIn(module, callee) !== 'sqlalchemy_continuum.make_versioned') continue;
      const config: ContinuumConfig = {
        location: at(module, call),
        options: { ...DEFAULT_OPTIONS },
        plugins: new Set(),
        userCls: { written: 'User', module, literal: true },
        transaction: { remoteAddr: true },
        notes: [],
      };
      const r: Reader = { module, scope, config };
      if (call.args.length > 0 || call.hasStarArgs) doubt(r, l10n.t('positional arguments of make_versioned'), call);
      // make_versioned applies the manager first, then its own plugins, options and user_cls over it.
      if (call.kwargs.manager) readManager(r, call.kwargs.manager);
      if (call.kwargs.plugins && call.kwargs.plugins.kind !== 'none') readPlugins(r, call.kwargs.plugins);
      if (call.kwargs.options && call.kwargs.options.kind !== 'none') readOptionsArg(r, call.kwargs.options);
      if (call.kwargs.user_cls) readUserCls(r, call.kwargs.user_cls);
      return config;
    }
  }
  return null;
}
