// The tables SQLAlchemy-Continuum builds when the mappers are configured, as table declarations
// (build.ts turns them into schema like any model's): `<table>_version` for each versioned model and
// for the association tables of its many-to-many relationships, the `transaction` table, and the
// plugins' tables. Continuum's rules (table_builder.ColumnReflector, builder.Builder.build_tables,
// relationship_builder.build_association_version_tables, transaction.TransactionFactory, plugins/*):
// each parent column is copied with unique, autoincrement and its foreign keys dropped and every
// non-key column nullable; server defaults, comments and index=True stay; then transaction_id
// (BigInteger, part of the primary key, indexed), end_transaction_id (validity strategy, indexed)
// and operation_type (SmallInteger NOT NULL, indexed); PropertyModTrackerPlugin adds a NOT NULL
// `<column>_mod` Boolean (server default false) for each non-key column.
import { calleeName, dottedName, type PyExpr } from '../python/expr';
import type { Range, SourceLocation } from '../source';
import { bareTableName, withSchemaOf } from '../schema/tableKey';
import type { ClassInfo } from './bases';
import type { ClassTableReader } from './classTables';
import { readContinuumConfig, readOptions, CONTINUUM_TEXT, type ContinuumConfig, type ContinuumDoubt, type ContinuumOptions } from './continuumConfig';
import type { ColumnDecl, Qualify, TableDecl } from './decls';
import type { ModuleFacts } from './moduleFacts';
import { mroOf } from './mro';
import type { ProjectScope } from './scope';
import { isTableCall } from './tableObjects';

/** A table Continuum builds that rests on something the engine could not read. */
export interface VersionedDoubt {
  table: string;
  reason: string;
  location: SourceLocation;
}

export interface ContinuumTables {
  tables: TableDecl[];
  doubts: VersionedDoubt[];
  notes: { message: string; location: SourceLocation }[];
}

const NO_TABLES: ContinuumTables = { tables: [], doubts: [], notes: [] };
/** Synthesized columns spell their server default with canonical names. */
const CANONICAL: Qualify = (dotted) => dotted;
const FALSE_DEFAULT: PyExpr = {
  kind: 'call',
  func: { kind: 'name', id: 'sqlalchemy.false', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  args: [],
  kwargs: {},
  hasStarArgs: false,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};

interface Where {
  file: string;
  range: Range;
}

function column(name: string, type: string, where: Where, extra: Partial<ColumnDecl> = {}): ColumnDecl {
  return {
    name,
    attribute: null,
    type,
    nullable: true,
    primaryKey: false,
    unique: false,
    index: false,
    autoincrement: 'auto',
    hasPythonDefault: false,
    serverDefault: null,
    identity: false,
    comment: null,
    foreignKeys: [],
    checks: [],
    range: where.range,
    file: where.file,
    qualify: CANONICAL,
    ...extra,
  };
}

function table(name: string, where: Where, columns: ColumnDecl[], from?: TableDecl): TableDecl {
  return {
    name,
    className: from?.className ?? null,
    file: where.file,
    range: where.range,
    columns,
    primaryKey: null,
    uniques: [],
    indexes: [],
    checks: [],
    foreignKeys: [],
    namingConvention: from?.namingConvention ?? null,
    extraClassNames: [],
  };
}

/** Names of the parent's primary-key columns (a PrimaryKeyConstraint's keys, else primary_key=True). */
function primaryKeyNames(decl: TableDecl): Set<string> {
  if (!decl.primaryKey) return new Set(decl.columns.filter((c) => c.primaryKey).map((c) => c.name));
  const byKey = (key: string) => decl.columns.find((c) => c.attribute === key || c.name === key)?.name;
  return new Set(decl.primaryKey.columns.map(byKey).filter((n): n is string => n !== undefined));
}

class Deriver {
  readonly out: ContinuumTables = { tables: [], doubts: [], notes: [] };
  private readonly decls: Map<string, TableDecl>;
  private readonly built = new Set<string>();
  /** Some model sets __versioned__ (Continuum then builds its transaction class, even with no table of its own). */
  anyVersioned = false;

  constructor(
    private readonly config: ContinuumConfig,
    private readonly scope: ProjectScope,
    private readonly infos: ClassInfo[],
    private readonly reader: ClassTableReader,
    tables: TableDecl[],
  ) {
    this.decls = new Map(tables.map((t) => [t.name, t]));
    this.out.notes.push(...config.notes);
  }

  /** A column's type, through its foreign key's target when it has none (SQLAlchemy copies the resolved type). */
  private typeOf(c: ColumnDecl, depth = 0): string | null {
    if (c.type !== null || depth > 8) return c.type;
    const target = c.foreignKeys[0]?.targets[0];
    if (!target || 'problem' in target) return null;
    const next = this.decls.get(target.table)?.columns.find((x) => x.name === target.column);
    return next ? this.typeOf(next, depth + 1) : null;
  }

  private doubt(tableName: string, doubt: ContinuumDoubt | undefined): void {
    if (doubt) this.out.doubts.push({ table: tableName, reason: doubt.reason, location: doubt.location });
  }

  /** The version table of `parent`: its columns as Continuum copies them, then the transaction columns. */
  /** `doubt`: built on something unread, so left as the migrations have it; `guess`: built, its findings uncertain. */
  versionTable(parent: TableDecl, options: ContinuumOptions, where: Where, modelColumns: boolean, doubt?: ContinuumDoubt, guess?: ContinuumDoubt): void {
    const name = withSchemaOf(parent.name, options.tableName.replace('%s', bareTableName(parent.name)));
    if (this.built.has(name) || this.decls.has(name)) return;
    this.built.add(name);
    // Its columns rest on what could not be read: left as the migrations have it (unseenColumns.ts), never guessed.
    if (doubt) return this.doubt(name, doubt);
    const keys = primaryKeyNames(parent);
    const excluded = (c: ColumnDecl) => {
      const key = c.attribute ?? c.name;
      return modelColumns && !options.include.includes(key) && options.exclude.includes(key);
    };
    const kept = parent.columns.filter((c) => !excluded(c));
    const copies = kept.map((c): ColumnDecl => {
      const primaryKey = keys.has(c.name);
      return {
        ...c,
        type: this.typeOf(c),
        primaryKey,
        unique: false,
        autoincrement: false,
        foreignKeys: [],
        nullable: c.name === options.transactionColumn ? false : primaryKey ? c.nullable : true,
      };
    });
    const at = { file: where.file, range: where.range };
    copies.push(column(options.transactionColumn, 'bigint', at, { primaryKey: true, nullable: false, index: true, autoincrement: false }));
    if (options.strategy === 'validity') copies.push(column(options.endTransactionColumn, 'bigint', at, { index: true }));
    copies.push(column(options.operationTypeColumn, 'smallint', at, { nullable: false, index: true }));
    if (modelColumns && this.config.plugins.has('propertyModTracker')) {
      for (const c of kept) {
        if (keys.has(c.name)) continue;
        copies.push(
          column(`${c.name}_mod`, 'boolean', { file: c.file, range: c.range }, { nullable: false, hasPythonDefault: true, serverDefault: FALSE_DEFAULT }),
        );
      }
    }
    const decl = table(name, at, copies, parent);
    if (parent.unseenColumns && parent.unseenColumns.length > 0) decl.unseenColumns = [...parent.unseenColumns];
    this.out.tables.push(decl);
    this.doubt(name, guess);
  }

  /** `__versioned__` as it applies to a model: the nearest class in its MRO that sets it. */
  private versionedOf(info: ClassInfo): { options: ContinuumOptions; where: Where; doubt?: ContinuumDoubt } | null {
    for (const c of mroOf(info)) {
      const fact = c.cls.dunders.get('__versioned__');
      if (!fact?.value) continue;
      const where = { file: c.module.path, range: fact.range };
      const options = { ...this.config.options, exclude: [...this.config.options.exclude], include: [...this.config.options.include] };
      let value = fact.value;
      if (value.kind === 'name') value = c.module.assignments.get(value.id)?.value ?? value;
      if (value.kind === 'dict' && value.entries.some((e) => e.key.kind === 'str' && e.key.value === 'class')) return null;
      let doubt: ContinuumDoubt | undefined = this.config.doubt;
      const unread = (what: string, expr: PyExpr) => {
        const message = CONTINUUM_TEXT.unreadable(what);
        this.out.notes.push({ message, location: { file: c.module.path, range: expr.range } });
        doubt ??= { reason: message, location: { file: c.module.path, range: expr.range } };
      };
      if (!readOptions(value, options, unread)) unread('__versioned__', fact.value);
      return { options, where, ...(doubt ? { doubt } : {}) };
    }
    return null;
  }

  models(): void {
    const versionedTables = new Set<string>();
    for (const info of this.infos) {
      if (info.role !== 'model') continue;
      const versioned = this.versionedOf(info);
      if (!versioned) continue;
      this.anyVersioned = true;
      if (!versioned.options.versioning) continue;
      const name = this.reader.tableNameOf(info);
      const parent = name === null ? undefined : this.decls.get(name);
      if (!parent) continue;
      versionedTables.add(parent.name);
      if (versioned.options.createTables) this.versionTable(parent, versioned.options, versioned.where, true, versioned.doubt);
      this.associations(info, versioned.options);
    }
    this.backrefAssociations(versionedTables);
  }

  /** Many-to-many relationships of a versioned model (not viewonly, not excluded): `<secondary>_version`. */
  private associations(info: ClassInfo, options: ContinuumOptions): void {
    for (const c of mroOf(info)) {
      if (c !== info && c.role === 'model') continue;
      for (const attribute of c.cls.attributes) {
        if (options.exclude.includes(attribute.name) && !options.include.includes(attribute.name)) continue;
        this.secondaryOf(attribute.value, c.module, attribute.range);
      }
    }
  }

  /** Relationships on other models whose backref lands on a versioned model. */
  private backrefAssociations(versionedTables: Set<string>): void {
    for (const info of this.infos) {
      if (info.role !== 'model') continue;
      for (const attribute of info.cls.attributes) {
        const value = attribute.value;
        if (value?.kind !== 'call' || !value.kwargs.backref || !this.isRelationship(value, info.module)) continue;
        const target = value.args[0];
        const targetName = target?.kind === 'str' ? target.value : target ? dottedName(target) : null;
        const targetInfo = targetName === null ? undefined : this.classNamed(info.module, targetName);
        const targetTable = targetInfo ? this.reader.tableNameOf(targetInfo) : null;
        if (targetTable !== null && versionedTables.has(targetTable)) this.secondaryOf(value, info.module, attribute.range);
      }
    }
  }

  private classNamed(module: ModuleFacts, name: string): ClassInfo | undefined {
    const symbol = this.scope.resolve(module, name);
    if (symbol?.kind === 'class') return this.infos.find((i) => i.cls === symbol.cls);
    const short = name.split('.').pop();
    return this.infos.find((i) => i.role === 'model' && i.cls.name === short);
  }

  private isRelationship(call: Extract<PyExpr, { kind: 'call' }>, module: ModuleFacts): boolean {
    const callee = calleeName(call);
    return callee !== null && /(^|\.)(relationship|relation)$/.test(this.scope.qualifyIn(module, callee));
  }

  private secondaryOf(value: PyExpr | null, module: ModuleFacts, range: Range): void {
    if (value?.kind !== 'call' || !this.isRelationship(value, module)) return;
    const secondary = value.kwargs.secondary;
    const viewonly = value.kwargs.viewonly;
    if (!secondary || (viewonly?.kind === 'bool' && viewonly.value)) return;
    const name = this.secondaryTable(secondary, module);
    const decl = name === null ? undefined : this.decls.get(name);
    if (!decl) return;
    const model =
      viewonly && viewonly.kind !== 'bool'
        ? { reason: CONTINUUM_TEXT.unreadable('viewonly='), location: { file: module.path, range: viewonly.range } }
        : undefined;
    this.versionTable(decl, this.config.options, { file: module.path, range }, false, model ?? this.config.doubt, this.config.associationGuess);
  }

  /** `secondary=billowers` (a Table object), `secondary="billowers"` (its name). */
  private secondaryTable(expr: PyExpr, module: ModuleFacts): string | null {
    if (expr.kind === 'str') return this.decls.has(expr.value) ? expr.value : null;
    const dotted = dottedName(expr);
    const symbol = dotted === null ? null : this.scope.resolve(module, dotted);
    if (symbol?.kind !== 'assignment' || !isTableCall(symbol.fact.value, (d) => this.scope.qualifyIn(symbol.module, d))) return null;
    const first = symbol.fact.value.args[0];
    return first?.kind === 'str' ? first.value : null;
  }

  /** The Transaction model TransactionFactory builds (issued_at, id, remote_addr, user_id). */
  transactionTable(): void {
    const transaction = this.config.transaction;
    if (!transaction || this.decls.has('transaction')) return;
    if (transaction.doubt) return this.doubt('transaction', transaction.doubt);
    const at = this.config.location;
    const columns: ColumnDecl[] = [
      column('issued_at', 'timestamp without time zone', at, { hasPythonDefault: true }),
      // Sequence('transaction_id_seq'): SQLAlchemy fires it, so no SERIAL and no server default.
      column('id', 'bigint', at, { primaryKey: true, nullable: false, autoincrement: true, hasPythonDefault: true }),
    ];
    if (transaction.remoteAddr) columns.push(column('remote_addr', 'character varying(50)', at));
    const user = this.userColumn();
    if (user && 'problem' in user) {
      this.out.notes.push({ message: user.problem, location: at });
      return this.doubt('transaction', { reason: user.problem, location: at });
    }
    if (user) columns.push(user);
    this.out.tables.push(table('transaction', at, columns));
    this.doubt('transaction', transaction.guess);
  }

  /** user_id: the type of the user class's first primary-key column, a foreign key to it, indexed. */
  private userColumn(): ColumnDecl | { problem: string } | null {
    const user = this.config.userCls;
    if (!user) return null;
    const info = user.literal ? this.infos.find((i) => i.role === 'model' && i.cls.name === user.written) : this.classNamed(user.module, user.written);
    const tableName = info ? this.reader.tableNameOf(info) : null;
    const decl = tableName === null ? undefined : this.decls.get(tableName);
    const key = decl ? decl.columns.find((c) => primaryKeyNames(decl).has(c.name)) : undefined;
    const type = key ? this.typeOf(key) : null;
    if (!decl || !key || type === null) return { problem: CONTINUUM_TEXT.unreadable(`user_cls=${user.written}`) };
    const at = this.config.location;
    return column('user_id', type, at, {
      index: true,
      foreignKeys: [{ columns: ['user_id'], targets: [{ table: decl.name, column: key.name }], onDelete: null, name: null, range: at.range }],
    });
  }

  /** TransactionChangesPlugin, TransactionMetaPlugin, ActivityPlugin. */
  pluginTables(): void {
    const at = this.config.location;
    const plugins = this.config.plugins;
    const add = (name: string, columns: ColumnDecl[]) => {
      if (this.config.doubt) this.doubt(name, this.config.doubt);
      else if (!this.decls.has(name)) this.out.tables.push(table(name, at, columns));
    };
    const key = (name: string, type: string) => column(name, type, at, { primaryKey: true, nullable: false, autoincrement: false });
    if (plugins.has('transactionChanges')) add('transaction_changes', [key('transaction_id', 'bigint'), key('entity_name', 'character varying(255)')]);
    if (plugins.has('transactionMeta'))
      add('transaction_meta', [key('transaction_id', 'bigint'), key('key', 'character varying(255)'), column('value', 'text', at)]);
    if (plugins.has('activity'))
      add('activity', [
        column('id', 'bigint', at, { primaryKey: true, nullable: false, autoincrement: true, hasPythonDefault: true }),
        column('verb', 'character varying(255)', at),
        column('transaction_id', 'bigint', at, { nullable: false, index: true }),
        column('data', 'json', at),
        column('object_type', 'character varying(255)', at),
        column('object_id', 'bigint', at),
        column('object_tx_id', 'bigint', at),
        column('target_type', 'character varying(255)', at),
        column('target_id', 'bigint', at),
        column('target_tx_id', 'bigint', at),
      ]);
  }
}

/**
 * The tables Continuum adds to the models' metadata. Nothing without a make_versioned(...) call
 * (Continuum's listeners are not installed, so __versioned__ alone builds nothing): then a note at
 * the first __versioned__, and the head's version tables are taken as they are (unseenColumns.ts).
 */
export function continuumTables(
  modules: ModuleFacts[],
  scope: ProjectScope,
  infos: ClassInfo[],
  reader: ClassTableReader,
  tables: TableDecl[],
): ContinuumTables {
  const config = readContinuumConfig(modules, scope);
  if (!config) {
    const first = infos.find((i) => i.role === 'model' && i.cls.dunders.has('__versioned__'));
    const fact = first?.cls.dunders.get('__versioned__');
    if (!first || !fact) return NO_TABLES;
    return { ...NO_TABLES, notes: [{ message: CONTINUUM_TEXT.notVersioned, location: { file: first.module.path, range: fact.range } }] };
  }
  if (!config.options.versioning) return { ...NO_TABLES, notes: config.notes };
  const deriver = new Deriver(config, scope, infos, reader, tables);
  deriver.models();
  // Continuum builds the transaction class only when some model is versioned.
  if (deriver.anyVersioned) {
    deriver.transactionTable();
    deriver.pluginTables();
  }
  return deriver.out;
}
