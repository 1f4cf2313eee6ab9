// A downgrade that brings back what its revision's upgrade dropped also brings back the data: after the
// statement that re-adds a column (or re-creates a table), the values come back from the newest backup
// the upgrade of that revision took (db/backup.ts), in the same transaction; then the column gets the
// NOT NULL it had before the upgrade (core/render/safeDowngrade.ts writes it back nullable, so that plain
// `flask db downgrade` works too). A NOT NULL add from Alembic's own autogenerate is run nullable first
// when a backup is there, so it no longer fails on a table with rows.
import * as l10n from '@vscode/l10n';
import type { ClientBase, QueryResult } from 'pg';
import { formatNumber } from '../core/locale';
import { opsToSql } from '../core/render/sql';
import type { MigrationOp } from '../core/schema/ops';
import type { Schema } from '../core/schema/types';
import { BACKUP_SCHEMA, ident } from './restoreSql';
import { runStatements, type StatementFailure } from './statementBatch';
import { bareTableName, schemaOfKey, splitTableKey } from '../core/schema/tableKey';

/** A table key ("x.t" in another schema, core/schema/tableKey.ts) as a SQL name. */
function tableIdent(key: string): string {
  const { schema, name } = splitTableKey(key);
  return schema === null ? ident(name) : `${ident(schema)}.${ident(name)}`;
}

/** What the plan knows about one statement range that re-creates a column or a table. */
export interface PlannedRestore {
  /** step.statements[from, to) re-create it. */
  from: number;
  to: number;
  table: string;
  /** Null: the whole table (re-created by create_table). */
  column: string | null;
  /** The op added the column NOT NULL: the same add, nullable, to run instead when a backup is found. */
  nullableAdd?: string[];
  /** SET NOT NULL, when the column was NOT NULL before the upgrade dropped it. */
  setNotNull?: string;
}

/** One restore that ran (or, in a dry run, would run), for the report. */
export interface RestoredData {
  table: string;
  column: string | null;
  backupTable: string;
  /** Values (column) or rows (table) that came back. */
  rows: number;
  /** The column was made NOT NULL again. */
  notNull: boolean;
}

/**
 * For a downgrade op: the restore to try after it, or null. `target` is the schema before the
 * revision's upgrade (what the downgrade leads back to).
 */
export function plannedRestore(op: MigrationOp, schema: Schema, target: Schema, from: number, to: number): PlannedRestore | null {
  if (op.kind === 'createTable' && target.tables[op.table]) return { from, to, table: op.table, column: null };
  if (op.kind !== 'addColumn') return null;
  const before = target.tables[op.table]?.columns[op.column.name];
  if (!before) return null;
  const restore: PlannedRestore = { from, to, table: op.table, column: op.column.name };
  if (!op.column.nullable) restore.nullableAdd = opsToSql([{ ...op, column: { ...op.column, nullable: true } }], schema);
  if (!before.nullable) restore.setNotNull = `ALTER TABLE ${tableIdent(op.table)} ALTER COLUMN ${ident(op.column.name)} SET NOT NULL`;
  return restore;
}

const TEXT = {
  restoredValues: (n: number, where: string, backup: string) =>
    l10n.t('restored {0} value(s) of {1} from {2}', formatNumber(n), where, `${BACKUP_SCHEMA}."${backup}"`),
  restoredRows: (n: number, where: string, backup: string) =>
    l10n.t('restored {0} row(s) of table {1} from {2}', formatNumber(n), where, `${BACKUP_SCHEMA}."${backup}"`),
  notNullAgain: (where: string) => l10n.t('{0} is NOT NULL again', where),
  noBackup: (where: string, revision: string) => l10n.t('{0}: no backup from the upgrade to {1}; it comes back empty', where, revision),
  staysNullable: (where: string, rows: number) =>
    l10n.t('{0} stays nullable: {1} row(s) have no value (added after the upgrade, or not in the backup)', where, formatNumber(rows)),
  noKey: (where: string, backup: string) =>
    l10n.t(
      '{0}: not restored, the backup {1} has no primary key to match rows by (run `migration-guard restore DIR {1}` to replace the table with it)',
      where,
      backup,
    ),
  failed: (where: string, message: string) => l10n.t('{0}: the values could not be restored ({1}); it comes back empty', where, message),
};

/** The report line for one restore: how many values or rows came back, and from where. */
export function restoredLine(r: RestoredData, dryRun: boolean): string {
  const backup = `${BACKUP_SCHEMA}."${r.backupTable}"`;
  const where = r.column === null ? r.table : `${r.table}.${r.column}`;
  if (dryRun)
    return r.column === null
      ? l10n.t('would restore {0} row(s) of table {1} from {2} (dry run: rolled back)', formatNumber(r.rows), where, backup)
      : l10n.t('would restore {0} value(s) of {1} from {2} (dry run: rolled back)', formatNumber(r.rows), where, backup);
  if (r.column === null) return l10n.t('restored {0} row(s) of table {1} from {2}', formatNumber(r.rows), where, backup);
  return r.notNull
    ? l10n.t('restored {0} value(s) of {1} from {2}; NOT NULL again', formatNumber(r.rows), where, backup)
    : l10n.t('restored {0} value(s) of {1} from {2}', formatNumber(r.rows), where, backup);
}

interface FoundBackup {
  backupTable: string;
  keyColumns: string[];
  restoreSql: string;
}

/** Runs `fn` in a savepoint: an error rolls back to it and comes back as the message, never aborting the migration. */
async function guarded<T>(client: ClientBase, fn: () => Promise<T>): Promise<T | { error: string }> {
  await client.query('SAVEPOINT migration_guard_restore');
  try {
    const value = await fn();
    await client.query('RELEASE SAVEPOINT migration_guard_restore');
    return value;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT migration_guard_restore');
    return { error: (error as Error).message };
  }
}

const isError = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

/** The newest backup the upgrade to `revision` took of this column (or whole table), still on disk. */
async function newestBackup(client: ClientBase, revision: string, table: string, column: string | null): Promise<FoundBackup | null> {
  const present = await client.query<{ present: boolean }>(`select to_regclass('${BACKUP_SCHEMA}.backups') is not null as present`);
  if (!present.rows[0]?.present) return null;
  const found = await guarded(client, () =>
    client.query<{ backup_table: string; key_columns: string[] | null; restore_sql: string }>(
      `select b.backup_table, b.key_columns, b.restore_sql from ${BACKUP_SCHEMA}.backups b
        where b.revision = $1 and b.direction = 'up' and b.source_table = $2 and b.source_schema is not distinct from $4::text
          and ((($3)::text is null and b.source_columns is null and b.reason in ('dropTable', 'dropSchema'))
               or (($3)::text is not null and ($3)::text = any(b.source_columns)))
          and to_regclass(format('%I.%I', '${BACKUP_SCHEMA}', b.backup_table)) is not null
        order by b.created_at desc, b.id desc limit 1`,
      [revision, bareTableName(table), column, schemaOfKey(table)],
    ),
  );
  if (isError(found)) return null;
  const row = found.rows[0];
  return row ? { backupTable: row.backup_table, keyColumns: row.key_columns ?? [], restoreSql: row.restore_sql } : null;
}

const rowsInserted = (results: QueryResult | QueryResult[]) =>
  (Array.isArray(results) ? results : [results]).filter((r) => r.command === 'INSERT').reduce((n, r) => n + (r.rowCount ?? 0), 0);

interface RestoreRun {
  failure?: StatementFailure<{ sql: string }>;
  restored?: RestoredData;
}

async function restoreColumn(
  client: ClientBase,
  restore: PlannedRestore,
  original: { sql: string }[],
  revision: string,
  log: (line: string) => void,
): Promise<RestoreRun> {
  const column = restore.column as string;
  const where = `${restore.table}.${column}`;
  const backup = await newestBackup(client, revision, restore.table, column);
  const usable = backup !== null && backup.keyColumns.length > 0;
  const add = usable && restore.nullableAdd ? restore.nullableAdd.map((sql) => ({ sql })) : original;
  const added = await runStatements(client, add);
  if ('error' in added) return { failure: added };
  let rows: number | null = null;
  if (backup && !usable) log(`  ${TEXT.noKey(where, backup.backupTable)}`);
  else if (!backup) log(`  ${TEXT.noBackup(where, revision)}`);
  else {
    const table = tableIdent(restore.table);
    const match = backup.keyColumns.map((k) => `t.${ident(k)} = b.${ident(k)}`).join(' AND ');
    const updated = await guarded(client, async () => {
      const type = await client.query<{ type: string }>(
        `select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = to_regclass($1) and attname = $2 and not attisdropped`,
        [table, column],
      );
      const cast = type.rows[0]?.type ?? 'text';
      return client.query(
        `UPDATE ${table} AS t SET ${ident(column)} = b.${ident(column)}::${cast} FROM ${BACKUP_SCHEMA}.${ident(backup.backupTable)} AS b WHERE ${match}`,
      );
    });
    if (isError(updated)) log(`  ${TEXT.failed(where, updated.error)}`);
    else {
      rows = updated.rowCount ?? 0;
      log(`  ${TEXT.restoredValues(rows, where, backup.backupTable)}`);
    }
  }
  const ranNullable = add !== original;
  // The revision's own NOT NULL add ran as written: nothing to put back.
  let notNull = restore.setNotNull !== undefined && restore.nullableAdd !== undefined && !ranNullable;
  if (restore.setNotNull && !notNull) {
    // Run nullable in place of the revision's NOT NULL: NOT NULL is the revision's, so it runs whatever
    // is left (PostgreSQL names any NULL). Written nullable by us: set only once every row has a value.
    const nulls = await client.query<{ n: string }>(`select count(*) as n from ${tableIdent(restore.table)} where ${ident(column)} is null`);
    const missing = Number(nulls.rows[0]?.n ?? 0);
    if (missing === 0 || ranNullable) {
      const set = await runStatements(client, [{ sql: restore.setNotNull }]);
      if ('error' in set) return { failure: set };
      notNull = true;
      log(`  ${TEXT.notNullAgain(where)}`);
    } else log(`  ${TEXT.staysNullable(where, missing)}`);
  }
  return backup && rows !== null ? { restored: { table: restore.table, column, backupTable: backup.backupTable, rows, notNull } } : {};
}

async function restoreTable(
  client: ClientBase,
  restore: PlannedRestore,
  original: { sql: string }[],
  revision: string,
  log: (line: string) => void,
): Promise<RestoreRun> {
  const created = await runStatements(client, original);
  if ('error' in created) return { failure: created };
  const backup = await newestBackup(client, revision, restore.table, null);
  if (!backup) return {};
  const inserted = await guarded(client, async () => rowsInserted((await client.query(backup.restoreSql)) as QueryResult | QueryResult[]));
  if (isError(inserted)) {
    log(`  ${TEXT.failed(restore.table, inserted.error)}`);
    return {};
  }
  log(`  ${TEXT.restoredRows(inserted, restore.table, backup.backupTable)}`);
  return { restored: { table: restore.table, column: null, backupTable: backup.backupTable, rows: inserted, notNull: false } };
}

/** Runs a downgrade step's statements with its restores in between; the same result as runStatements, plus what came back. */
export async function runWithRestores<S extends { sql: string }>(
  client: ClientBase,
  statements: readonly S[],
  restores: readonly PlannedRestore[],
  revision: string,
  log: (line: string) => void,
): Promise<{ rowCounts: (number | null)[]; restored: RestoredData[] } | StatementFailure<S | { sql: string }>> {
  const rowCounts: (number | null)[] = [];
  const restored: RestoredData[] = [];
  let next = 0;
  for (const restore of [...restores].sort((a, b) => a.from - b.from)) {
    const before = await runStatements(client, statements.slice(next, restore.from));
    if ('error' in before) return before;
    rowCounts.push(...before.rowCounts);
    const original = statements.slice(restore.from, restore.to);
    const run =
      restore.column === null ? await restoreTable(client, restore, original, revision, log) : await restoreColumn(client, restore, original, revision, log);
    if (run.failure) return run.failure;
    if (run.restored) restored.push(run.restored);
    rowCounts.push(...original.map(() => null));
    next = restore.to;
  }
  const rest = await runStatements(client, statements.slice(next));
  if ('error' in rest) return rest;
  rowCounts.push(...rest.rowCounts);
  return { rowCounts, restored };
}
