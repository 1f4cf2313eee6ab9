// Backups before destructive steps: every table a step drops and every column it drops or
// retypes is copied into the migration_guard_backup schema (inside the migration's transaction, so a
// rolled-back run leaves no backup either), recorded in a catalog table with the time and revision,
// and paired with the SQL that puts the data back.
import type { ClientBase } from 'pg';
import type { MigrationOp } from '../core/schema/ops';
import type { Schema } from '../core/schema/types';

export const BACKUP_SCHEMA = 'migration_guard_backup';

/** What one step puts at risk: whole tables, or some columns of a table. */
export interface BackupTarget {
  table: string;
  /** Null: the whole table. Otherwise the columns at risk (the primary key is copied with them). */
  columns: string[] | null;
  reason: 'dropTable' | 'dropColumn' | 'alterType';
}

export interface BackupRecord extends BackupTarget {
  /** Table name inside migration_guard_backup. */
  backupTable: string;
  revision: string;
  direction: 'up' | 'down';
  createdAt: string;
  rows: number;
  /** Columns copied to match rows back (the primary key), empty when the whole table was copied. */
  keyColumns: string[];
  /** SQL that puts the data back once the table / column exists again (e.g. after a downgrade). */
  restoreSql: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The tables and columns a step's ops destroy or rewrite, judged against the schema before the step. */
export function backupTargets(ops: readonly MigrationOp[], before: Schema): BackupTarget[] {
  const targets: BackupTarget[] = [];
  const wholeTables = new Set<string>();
  const columnsByTable = new Map<string, { columns: Set<string>; reason: BackupTarget['reason'] }>();
  const addColumn = (table: string, column: string, reason: BackupTarget['reason']) => {
    if (!before.tables[table]?.columns[column] || wholeTables.has(table)) return;
    const entry = columnsByTable.get(table) ?? { columns: new Set<string>(), reason };
    entry.columns.add(column);
    if (reason === 'dropColumn') entry.reason = reason;
    columnsByTable.set(table, entry);
  };
  for (const op of ops) {
    if (op.kind === 'dropTable' && before.tables[op.table]) {
      wholeTables.add(op.table);
      columnsByTable.delete(op.table);
    } else if (op.kind === 'dropColumn') addColumn(op.table, op.column, 'dropColumn');
    else if (op.kind === 'alterColumn' && op.type !== undefined) addColumn(op.table, op.column, 'alterType');
  }
  for (const table of wholeTables) targets.push({ table, columns: null, reason: 'dropTable' });
  for (const [table, entry] of columnsByTable) targets.push({ table, columns: [...entry.columns], reason: entry.reason });
  return targets;
}

/** A name under PostgreSQL's 63-byte limit that still says what it holds and when. */
export function backupTableName(target: BackupTarget, revision: string, stamp: string): string {
  const what = target.columns ? `${target.table}__${target.columns.join('_')}` : target.table;
  const suffix = `__${revision.slice(0, 12)}__${stamp}`;
  return `${what.slice(0, 63 - suffix.length)}${suffix}`;
}

function restoreSql(target: BackupTarget, backup: string, keyColumns: string[], columnList: string[]): string {
  const source = `${BACKUP_SCHEMA}.${ident(backup)}`;
  if (target.columns === null || keyColumns.length === 0) {
    const cols = columnList.map(ident).join(', ');
    return `INSERT INTO ${ident(target.table)} (${cols}) SELECT ${cols} FROM ${source};`;
  }
  const sets = target.columns.map((c) => `${ident(c)} = b.${ident(c)}`).join(', ');
  const match = keyColumns.map((k) => `t.${ident(k)} = b.${ident(k)}`).join(' AND ');
  return `UPDATE ${ident(target.table)} AS t SET ${sets} FROM ${source} AS b WHERE ${match};`;
}

async function ensureBackupSchema(client: ClientBase): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${BACKUP_SCHEMA}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${BACKUP_SCHEMA}.backups (
    id serial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), revision varchar(32) NOT NULL,
    direction text NOT NULL, source_table text NOT NULL, source_columns text[], backup_table text NOT NULL,
    row_count bigint NOT NULL, restore_sql text NOT NULL)`);
}

/** YYYYMMDDHHMMSS in UTC. */
export function backupStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Copies each target into migration_guard_backup and records it; call inside the migration's transaction. */
export async function takeBackups(
  client: ClientBase,
  targets: readonly BackupTarget[],
  step: { revision: string; direction: 'up' | 'down'; before: Schema },
  now: Date = new Date(),
): Promise<BackupRecord[]> {
  if (targets.length === 0) return [];
  await ensureBackupSchema(client);
  const stamp = backupStamp(now);
  const records: BackupRecord[] = [];
  for (const target of targets) {
    const table = step.before.tables[target.table];
    const keyColumns = target.columns === null ? [] : (table?.primaryKey?.columns ?? []);
    const copied = target.columns === null || keyColumns.length === 0
      ? Object.keys(table?.columns ?? {})
      : [...keyColumns, ...target.columns.filter((c) => !keyColumns.includes(c))];
    const name = backupTableName(target, step.revision, stamp);
    const select = target.columns === null || keyColumns.length === 0 ? '*' : copied.map(ident).join(', ');
    const result = await client.query(`CREATE TABLE ${BACKUP_SCHEMA}.${ident(name)} AS SELECT ${select} FROM ${ident(target.table)}`);
    const restore = restoreSql(target, name, keyColumns, copied);
    const what = target.columns ? `${target.table}(${target.columns.join(', ')})` : target.table;
    await client.query(`COMMENT ON TABLE ${BACKUP_SCHEMA}.${ident(name)} IS ${literal(`${what} before ${step.direction === 'up' ? 'upgrade to' : 'downgrade of'} ${step.revision} at ${now.toISOString()}`)}`);
    await client.query(
      `INSERT INTO ${BACKUP_SCHEMA}.backups (created_at, revision, direction, source_table, source_columns, backup_table, row_count, restore_sql)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [now.toISOString(), step.revision, step.direction, target.table, target.columns, name, result.rowCount ?? 0, restore],
    );
    records.push({ ...target, backupTable: name, revision: step.revision, direction: step.direction, createdAt: now.toISOString(), rows: result.rowCount ?? 0, keyColumns, restoreSql: restore });
  }
  return records;
}

/** How to put one backup back, for the user to read. */
export function restoreHint(record: BackupRecord): string {
  const what = record.columns ? `column(s) ${record.columns.join(', ')} of "${record.table}"` : `table "${record.table}"`;
  const when = record.reason === 'alterType' ? 'to undo the type change' : `once ${record.columns ? 'the column exists' : 'the table exists'} again (e.g. after a downgrade)`;
  return `Backed up ${record.rows} row(s) of ${what} to ${BACKUP_SCHEMA}."${record.backupTable}". To restore ${when}, run:\n  ${record.restoreSql}`;
}
