// Table declarations → the Schema SQLAlchemy's create_all produces on PostgreSQL: primary keys (and the
// NOT NULL they imply), SERIAL for a lone integer primary key, constraint and index names as SQLAlchemy
// or PostgreSQL choose them, server defaults as pg_get_expr prints them, enum types.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../noteKinds';
import type { Note, Range, SourceLocation } from '../source';
import { serverDefaultToPg } from '../schema/defaults';
import { checkColumnName, conventionName, indexName, PgNameChooser, type ConventionKind, type NamingConvention } from '../schema/naming';
import { emptySchema, emptyTable, type ColumnSchema, type Schema, type TableSchema } from '../schema/types';
import type { ColumnDecl, ForeignKeyDecl, TableDecl } from './decls';
import type { TableSource } from './types';
import { LoggedNames, type BuildEvent, type BuildMemo, type BuiltTable } from './buildMemo';
import { nextvalDefault } from '../render/sqlNames';
import { schemaOfKey } from '../schema/tableKey';

const INTEGER_TYPES = new Set(['integer', 'bigint', 'smallint']);

export interface BuiltSchema {
  schema: Schema;
  sources: { tables: Record<string, TableSource>; enums: Record<string, SourceLocation> };
  notes: Note[];
}

/** SQLAlchemy 1.4's PrimaryKeyConstraint._autoincrement_column, restricted to what PostgreSQL makes SERIAL. */
function autoincrementColumn(pk: ColumnDecl[]): ColumnDecl | null {
  const valid = (c: ColumnDecl, explicit: boolean) =>
    c.type !== null &&
    INTEGER_TYPES.has(c.type) &&
    (explicit || (!c.hasPythonDefault && c.serverDefault === null)) &&
    !c.identity &&
    (c.foreignKeys.length === 0 || c.autoincrement === true || c.autoincrement === 'ignore_fk');
  if (pk.length === 1) {
    const only = pk[0] as ColumnDecl;
    if (only.autoincrement === true) return valid(only, true) ? only : null;
    if (only.autoincrement === 'auto' || only.autoincrement === 'ignore_fk') return valid(only, false) ? only : null;
    return null;
  }
  const chosen = pk.filter((c) => c.autoincrement === true);
  return chosen.length === 1 && valid(chosen[0] as ColumnDecl, true) ? (chosen[0] as ColumnDecl) : null;
}

class SchemaBuilder {
  readonly result: BuiltSchema = { schema: emptySchema(), sources: { tables: {}, enums: {} }, notes: [] };
  private readonly used = new LoggedNames();
  private readonly names = new PgNameChooser(this.used, { shared: true });
  private readonly decls = new Map<string, TableDecl>();
  /** Per table: the equal declaration's stored build, when the memo has one. */
  private readonly stored = new Map<TableDecl, BuiltTable>();
  /** While a table is built with a memo: what it asks of and does to the shared state (buildMemo.ts). */
  private log: BuildEvent[] | null = null;

  constructor(
    tables: TableDecl[],
    private readonly memo?: BuildMemo,
  ) {
    for (const table of tables) {
      if (this.decls.has(table.name)) {
        this.note(table.file, table.range, l10n.t('table "{0}" is declared twice; the first declaration is used', table.name), 'duplicate-table');
        continue;
      }
      this.decls.set(table.name, table);
      const entry = memo?.lookup(table);
      if (entry) this.stored.set(table, entry);
      for (const name of entry?.explicitNames ?? explicitNames(table)) this.names.reserve(name);
    }
  }

  note(file: string, range: Range, message: string, kind: NoteKind): void {
    const note: Note = { severity: 'warning', kind, message, location: { file, range } };
    this.log?.push({ kind: 'note', note });
    this.result.notes.push(note);
  }

  /** A column's type, following ForeignKey targets for `Column(ForeignKey("user.id"))` without a type. */
  private typeOf(column: ColumnDecl, depth = 0): string | null {
    if (column.type !== null) return column.type;
    const target = column.foreignKeys[0]?.targets[0];
    if (!target || 'problem' in target || depth > 8) return null;
    const targetColumn = this.decls.get(target.table)?.columns.find((c) => c.name === target.column);
    return targetColumn ? this.typeOf(targetColumn, depth + 1) : null;
  }

  private named(
    kind: ConventionKind,
    convention: NamingConvention | null,
    table: TableDecl,
    explicit: string | null,
    columns: string[],
    pgName: () => string,
    extra: { referredTable?: string; referredColumns?: string[] } = {},
  ): string {
    if (!convention) return explicit ?? pgName();
    const result = conventionName(kind, convention, { table: table.name, columns, constraintName: explicit, ...extra });
    if ('problem' in result) {
      this.note(table.file, table.range, result.problem, 'naming-convention');
      return explicit ?? pgName();
    }
    if (result.name !== null) this.names.reserve(result.name);
    return result.name ?? pgName();
  }

  build(): BuiltSchema {
    for (const decl of this.decls.values()) {
      if (!this.memo) this.buildTable(decl);
      else if (!this.reuse(decl)) this.buildRecorded(decl, this.memo);
    }
    return this.result;
  }

  /** Replays the stored build of an equal declaration when the shared state still answers as it did. */
  private reuse(decl: TableDecl): boolean {
    const entry = this.stored.get(decl);
    if (!entry || !this.used.wouldAnswer(entry.events)) return false;
    for (const event of entry.events) {
      if (event.kind === 'type' && this.typeOf(decl.columns[event.column] as ColumnDecl) !== event.type) return false;
      if (event.kind === 'declared' && this.decls.has(event.table) !== event.declared) return false;
    }
    for (const event of entry.events) {
      if (event.kind === 'took') this.used.add(event.name);
      else if (event.kind === 'note') this.result.notes.push(event.note);
      else if (event.kind === 'enum') {
        const column = decl.columns[event.column] as ColumnDecl;
        if (column.enum) this.addEnum(column, column.enum.name, column.enum.values);
      }
    }
    this.result.schema.tables[decl.name] = entry.table;
    this.result.sources.tables[decl.name] = entry.source;
    this.memo?.keep(entry);
    return true;
  }

  private buildRecorded(decl: TableDecl, memo: BuildMemo): void {
    const events: BuildEvent[] = [];
    this.log = events;
    this.used.log = events;
    try {
      this.buildTable(decl);
    } finally {
      this.log = null;
      this.used.log = null;
    }
    const table = this.result.schema.tables[decl.name] as TableSchema;
    const source = this.result.sources.tables[decl.name] as TableSource;
    memo.store(decl, { explicitNames: this.stored.get(decl)?.explicitNames ?? explicitNames(decl), events, table, source });
  }

  private buildTable(decl: TableDecl): void {
    const table: TableSchema = emptyTable();
    const source: TableSource = { location: { file: decl.file, range: decl.range }, className: decl.className, columns: {}, constraints: {} };
    if (decl.tablenameRange) source.tablenameLocation = { file: decl.file, range: decl.tablenameRange };
    if (decl.unseenColumns && decl.unseenColumns.length > 0) source.unseenColumns = [...new Set(decl.unseenColumns)];
    const convention = decl.namingConvention;
    const byKey = new Map<string, ColumnDecl>();
    // Indexed loops over the columns: the first read runs this in V8's interpreter, where each for...of
    // step allocates an iterator result (~10 MB for the 40,000 columns of a 50,000-line models file).
    const columns = decl.columns;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as ColumnDecl;
      if (column.attribute) byKey.set(column.attribute, column);
      byKey.set(column.name, column);
    }
    const keysToNames = (keys: string[], range: Range): string[] | null => {
      const names = keys.map((k) => byKey.get(k)?.name);
      if (names.some((n) => n === undefined)) {
        this.note(
          decl.file,
          range,
          l10n.t('refers to a column that "{0}" does not have ({1}); skipped', decl.name, keys.filter((k) => !byKey.has(k)).join(', ')),
          'unresolved-column',
        );
        return null;
      }
      return names as string[];
    };
    const at = (range: Range, file = decl.file): SourceLocation => ({ file, range });

    // Primary key: PrimaryKeyConstraint, else columns marked primary_key (the autoincrement=True one first).
    let pkColumns: ColumnDecl[] = decl.columns.filter((c) => c.primaryKey);
    if (decl.primaryKey) {
      const names = keysToNames(decl.primaryKey.columns, decl.primaryKey.range);
      if (names) pkColumns = names.map((n) => decl.columns.find((c) => c.name === n) as ColumnDecl);
    }
    const serial = autoincrementColumn(pkColumns);
    if (serial && pkColumns.length > 1) pkColumns = [serial, ...pkColumns.filter((c) => c !== serial)];

    decl.columns.forEach((column, index) => {
      if (table.columns[column.name]) {
        this.note(column.file, column.range, l10n.t('column "{0}" is declared twice in "{1}"', column.name, decl.name), 'duplicate-column');
        return;
      }
      const resolved = this.typeOf(column);
      if (column.type === null) this.log?.push({ kind: 'type', column: index, type: resolved });
      const type = resolved ?? `?${column.foreignKeys[0] ? 'foreign key target' : 'unknown'}`;
      if (column.type === null && type.startsWith('?'))
        this.note(
          column.file,
          column.range,
          l10n.t('column "{0}": its type comes from a foreign key target that was not found', column.name),
          'unresolved-type',
        );
      const isPk = pkColumns.includes(column);
      let defaultText: string | null = null;
      if (column === serial) {
        defaultText = nextvalDefault(this.names.choose(decl.name, column.name, 'seq'), schemaOfKey(decl.name));
      } else if (column.serverDefault && !type.startsWith('?')) {
        const printed = serverDefaultToPg(column.serverDefault, type, { qualify: column.qualify });
        if ('problem' in printed) this.note(column.file, column.serverDefault.range, `server_default: ${printed.problem}`, 'unresolved-default');
        else {
          defaultText = printed.default;
          if (printed.note) this.note(column.file, column.serverDefault.range, printed.note, 'approximate-default');
        }
      }
      // Optional keys set after the literal, in the same order: a spread of `{}` cost an object per column.
      const built: ColumnSchema = { type, nullable: isPk ? false : column.nullable, default: defaultText };
      if (column.comment !== null) built.comment = column.comment;
      table.columns[column.name] = built;
      const placed: TableSource['columns'][string] = { location: at(column.range, column.file) };
      if (column.attribute && column.attribute !== column.name) placed.attribute = column.attribute;
      source.columns[column.name] = placed;
      if (column.enum) {
        // Logged as one event: replaying it gives its note again, or not, after the tables before it.
        const log = this.log;
        log?.push({ kind: 'enum', column: index });
        this.log = null;
        this.addEnum(column, column.enum.name, column.enum.values);
        this.log = log;
      }
    });

    if (pkColumns.length > 0) {
      const columns = pkColumns.map((c) => c.name);
      const name = this.named('pk', convention, decl, decl.primaryKey?.name ?? null, columns, () => this.names.primaryKey(decl.name));
      table.primaryKey = { name, columns };
      source.constraints[name] = at(decl.primaryKey?.range ?? decl.range);
    }

    const allColumns = decl.columns.map((c) => c.name);
    const addCheck = (expression: string, explicit: string | null, range: Range, file: string) => {
      const name = this.named('ck', convention, decl, explicit, [], () => this.names.check(decl.name, checkColumnName(expression, allColumns)));
      table.checks.push({ name, expression });
      source.constraints[name] = at(range, file);
    };
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as ColumnDecl;
      if (column.checks.length > 0) for (const check of column.checks) addCheck(check.expression, check.name, check.range, column.file);
    }
    for (const check of decl.checks) addCheck(check.expression, check.name, check.range, decl.file);

    const addUnique = (columns: string[], explicit: string | null, range: Range, file: string) => {
      const name = this.named('uq', convention, decl, explicit, columns, () => this.names.unique(decl.name, columns));
      table.uniques.push({ name, columns });
      source.constraints[name] = at(range, file);
    };
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as ColumnDecl;
      if (column.unique && !column.index) addUnique([column.name], null, column.range, column.file);
    }
    for (const unique of decl.uniques) {
      const names = keysToNames(unique.columns, unique.range);
      if (names) addUnique(names, unique.name, unique.range, decl.file);
    }

    const addForeignKey = (fk: ForeignKeyDecl, columns: string[], file: string) => {
      const targets = fk.targets;
      const problem = targets.find((t): t is { problem: string } => 'problem' in t);
      if (problem) return this.note(file, fk.range, l10n.t('{0}; this foreign key is skipped', problem.problem), 'unresolved-reference');
      const resolved = targets as { table: string; column: string }[];
      const refTable = resolved[0]?.table ?? '';
      if (resolved.some((t) => t.table !== refTable))
        return this.note(file, fk.range, l10n.t('a foreign key pointing at several tables; skipped'), 'unresolved-reference');
      const refColumns = resolved.map((t) => t.column);
      const declared = this.decls.has(refTable);
      this.log?.push({ kind: 'declared', table: refTable, declared });
      if (!declared) this.note(file, fk.range, l10n.t('foreign key to "{0}", a table the models do not declare', refTable), 'unresolved-reference');
      const name = this.named('fk', convention, decl, fk.name, columns, () => this.names.foreignKey(decl.name, columns), {
        referredTable: refTable,
        referredColumns: refColumns,
      });
      table.foreignKeys.push({ name, columns, refTable, refColumns, onDelete: fk.onDelete === 'NO ACTION' ? null : fk.onDelete });
      source.constraints[name] = at(fk.range, file);
    };
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as ColumnDecl;
      if (column.foreignKeys.length > 0) for (const fk of column.foreignKeys) addForeignKey(fk, [column.name], column.file);
    }
    for (const fk of decl.foreignKeys) {
      const names = keysToNames(fk.columns, fk.range);
      if (names) addForeignKey(fk, names, decl.file);
    }

    const addIndex = (explicit: string | null, columns: string[], unique: boolean, range: Range, file: string) => {
      // index=True and unnamed Index() get the "ix" convention (default ix_<table>_<column>); a written name is kept.
      const result =
        explicit === null
          ? indexName(decl.name, columns, convention ?? undefined, unique)
          : conventionName('ix', convention ?? {}, { table: decl.name, columns, constraintName: explicit, unique });
      if ('problem' in result) return this.note(file, range, result.problem, 'naming-convention');
      const name = result.name ?? explicit ?? '';
      table.indexes.push({ name, columns, unique });
      source.constraints[name] = at(range, file);
    };
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as ColumnDecl;
      if (column.index) addIndex(null, [column.name], column.unique, column.range, column.file);
    }
    for (const index of decl.indexes) {
      const names = keysToNames(index.columns, index.range);
      if (names) addIndex(index.name, names, index.unique, index.range, decl.file);
    }

    this.result.schema.tables[decl.name] = table;
    this.result.sources.tables[decl.name] = source;
  }

  private addEnum(column: ColumnDecl, name: string, values: string[]): void {
    const existing = this.result.schema.enums[name];
    if (existing && existing.join('\u0000') !== values.join('\u0000')) {
      this.note(
        column.file,
        column.range,
        l10n.t('enum type "{0}" is declared with different labels elsewhere ({1})', name, existing.join(', ')),
        'enum-conflict',
      );
      return;
    }
    if (!existing) {
      this.result.schema.enums[name] = [...values];
      this.result.sources.enums[name] = { file: column.file, range: column.range };
    }
  }
}

function explicitNames(table: TableDecl): string[] {
  // Plain loops: this runs once per table, and the spread-and-map form allocated ten arrays a table.
  const names: string[] = [];
  const add = (items: readonly { name: string | null }[]) => {
    for (const item of items) if (item.name !== null) names.push(item.name);
  };
  if (table.primaryKey?.name != null) names.push(table.primaryKey.name);
  add(table.uniques);
  add(table.checks);
  add(table.foreignKeys);
  add(table.indexes);
  for (const column of table.columns) {
    add(column.checks);
    add(column.foreignKeys);
  }
  return names;
}

/**
 * Assembles the schema from every table declaration (the first declaration of a name wins). With a
 * memo, tables equal to the last build's are reused (the same objects) where nothing they depend on moved.
 */
export function buildSchema(tables: TableDecl[], memo?: BuildMemo): BuiltSchema {
  return new SchemaBuilder(tables, memo).build();
}
