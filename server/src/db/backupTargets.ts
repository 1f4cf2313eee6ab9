// What a step puts at risk, judged before it runs: the tables and columns its ops drop or narrow,
// and — read by core/history/sql/destructive.ts — what its raw SQL destroys (DROP TABLE/COLUMN,
// TRUNCATE, DELETE, UPDATE without WHERE, ALTER ... TYPE, DROP SCHEMA/TYPE ... CASCADE). These targets
// drive the backups, the dry-run lines, the row counts and the confirmation alike, so a statement
// written by hand is treated exactly like an op.drop_*. Raw SQL that cannot be read comes back as
// `unchecked`, for the confirmation to name.
import { classifyRawSql, type RawSqlRisk } from '../core/history/sql/destructive';
import { narrowingReason } from '../core/rules/typeChanges';
import type { MigrationOp } from '../core/schema/ops';
import type { Schema } from '../core/schema/types';
import type { SourceLocation } from '../core/source';

import type { BackupReason } from './backupReasons';
import { splitTableKey, tableKey } from '../core/schema/tableKey';

export type { BackupReason } from './backupReasons';

/** What one step puts at risk: whole tables, or some columns of a table. */
export interface BackupTarget {
  /** The table; `*` with `schema` set means every table of that schema (DROP SCHEMA ... CASCADE). */
  table: string;
  /** Set when the SQL names a schema other than the search path's. */
  schema?: string;
  /** Null: the whole table. Otherwise the columns at risk (the primary key is copied with them). */
  columns: string[] | null;
  reason: BackupReason;
  /** The raw SQL statement behind it, when it came from op.execute (for messages). */
  sql?: string;
}

/** Raw SQL the classifier could not read: named in the confirmation as not checked. */
export interface UncheckedSql {
  sql: string;
  location?: SourceLocation;
}

export interface StepRisks {
  targets: BackupTarget[];
  unchecked: UncheckedSql[];
}

const DEFAULT_SCHEMA = 'public';
const inDefaultSchema = (schema: string | null) => schema === null || schema === DEFAULT_SCHEMA;

class TargetSet {
  private readonly wholeTables = new Map<string, BackupTarget>();
  private readonly columnsByTable = new Map<string, BackupTarget>();

  private key(table: string, schema?: string): string {
    return `${schema ?? ''}\0${table}`;
  }

  /** A table keyed in another schema ("x.t", core/schema/tableKey.ts) is copied as schema x, table t. */
  private split(table: string, schema: string | undefined): [string, string | undefined] {
    if (schema !== undefined || table === '*') return [table, schema];
    const { schema: keyed, name } = splitTableKey(table);
    return keyed === null ? [table, undefined] : [name, keyed];
  }

  table(tableOrKey: string, reason: BackupReason, schemaGiven?: string, sql?: string): void {
    const [table, schema] = this.split(tableOrKey, schemaGiven);
    const key = this.key(table, schema);
    if (this.wholeTables.has(key)) return;
    this.columnsByTable.delete(key);
    this.wholeTables.set(key, { table, ...(schema ? { schema } : {}), columns: null, reason, ...(sql ? { sql } : {}) });
  }

  column(tableOrKey: string, column: string, reason: BackupReason, schemaGiven?: string, sql?: string): void {
    const [table, schema] = this.split(tableOrKey, schemaGiven);
    const key = this.key(table, schema);
    if (this.wholeTables.has(key)) return;
    const entry = this.columnsByTable.get(key) ?? { table, ...(schema ? { schema } : {}), columns: [], reason, ...(sql ? { sql } : {}) };
    if (!entry.columns?.includes(column)) entry.columns?.push(column);
    if (reason === 'dropColumn') entry.reason = reason;
    this.columnsByTable.set(key, entry);
  }

  list(): BackupTarget[] {
    return [...this.wholeTables.values(), ...this.columnsByTable.values()];
  }
}

function addRawRisk(set: TargetSet, risk: RawSqlRisk, before: Schema, sql: string): void {
  switch (risk.kind) {
    case 'dropTable':
    case 'deleteAllRows':
    case 'deleteRows': {
      const schema = inDefaultSchema(risk.target.schema) ? undefined : (risk.target.schema as string);
      set.table(risk.target.table, risk.kind === 'dropTable' ? 'dropTable' : 'deleteRows', schema, sql);
      return;
    }
    case 'overwriteAllRows': {
      // The backfill of a column added earlier in the same step (add, UPDATE, make NOT NULL) overwrites
      // nothing: only columns that held values before the step are at risk.
      const schema = inDefaultSchema(risk.target.schema) ? undefined : (risk.target.schema as string);
      const existing = risk.columns.filter((c) => before.tables[tableKey(risk.target.table, schema)]?.columns[c] !== undefined);
      for (const column of existing) set.column(risk.target.table, column, 'overwriteRows', schema, sql);
      return;
    }
    case 'dropColumn':
    case 'alterType': {
      const schema = inDefaultSchema(risk.target.schema) ? undefined : (risk.target.schema as string);
      set.column(risk.target.table, risk.column, risk.kind, schema, sql);
      return;
    }
    case 'dropSchema':
      if (!risk.cascade) return;
      if (inDefaultSchema(risk.schema)) for (const table of Object.keys(before.tables)) set.table(table, 'dropSchema', undefined, sql);
      else set.table('*', 'dropSchema', risk.schema, sql);
      return;
    case 'dropType':
      if (!risk.cascade) return;
      for (const [table, def] of Object.entries(before.tables)) {
        for (const [column, col] of Object.entries(def.columns)) {
          if (col.type === risk.typeName || col.type === `${risk.typeName}[]`) set.column(table, column, 'dropColumn', undefined, sql);
        }
      }
  }
}

/** The tables and columns a step's ops destroy or narrow, judged against the schema before the step, and its unreadable raw SQL. */
export function stepRisks(ops: readonly MigrationOp[], before: Schema): StepRisks {
  const set = new TargetSet();
  const unchecked: UncheckedSql[] = [];
  for (const op of ops) {
    if (op.kind === 'dropTable' && before.tables[op.table]) set.table(op.table, 'dropTable');
    else if (op.kind === 'dropColumn' && before.tables[op.table]?.columns[op.column]) set.column(op.table, op.column, 'dropColumn');
    else if (op.kind === 'alterColumn' && op.type !== undefined && before.tables[op.table]?.columns[op.column]) {
      // Only a cast that can lose or refuse values needs a copy; widening keeps every value.
      const was = before.tables[op.table]?.columns[op.column]?.type ?? op.existing?.type;
      if (was === undefined || narrowingReason(was, op.type, new Set(Object.keys(before.enums))) !== null) set.column(op.table, op.column, 'alterType');
    } else if (op.kind === 'executeSql') {
      for (const statement of classifyRawSql(op.sql)) {
        for (const risk of statement.risks) addRawRisk(set, risk, before, statement.sql);
        if (statement.unchecked) unchecked.push({ sql: statement.sql, ...(op.location ? { location: op.location } : {}) });
      }
    }
  }
  return { targets: set.list(), unchecked };
}

/** The targets alone (what the backups copy). */
export function backupTargets(ops: readonly MigrationOp[], before: Schema): BackupTarget[] {
  return stepRisks(ops, before).targets;
}
