// Backups before destructive steps: every table a step drops and every column it drops or
// retypes is copied into the migration_guard_backup schema (inside the migration's transaction, so a
// rolled-back run leaves no backup either), recorded in a catalog table with the time and revision,
// and paired with the SQL that puts the data back.
import type { ClientBase } from 'pg';
import type { MigrationOp } from '../core/schema/ops';
import type { Schema } from '../core/schema/types';
import { narrowingReason } from '../core/rules/typeChanges';

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

/** The tables and columns a step's ops destroy or narrow, judged against the schema before the step. */
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
    else if (op.kind === 'alterColumn' && op.type !== undefined) {
      // Only a cast that can lose or refuse values needs a copy; widening keeps every value.
      const was = before.tables[op.table]?.columns[op.column]?.type ?? op.existing?.type;
      if (was === undefined || narrowingReason(was, op.type, new Set(Object.keys(before.enums))) !== null) addColumn(op.table, op.column, 'alterType');
    }
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

interface LiveColumn {
  name: string;
  type: string;
  /** Enum (or enum array) columns are stored as text, so the backup never pins the type (DROP TYPE must still work). */
  userType: boolean;
}

/** The table's columns and primary key as the database has them right now (the replayed schema may lag). */
async function liveTable(client: ClientBase, table: string): Promise<{ columns: LiveColumn[]; primaryKey: string[] }> {
  const columns = await client.query<{ name: string; type: string; user_type: boolean }>(
    `select a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type,
            coalesce(et.typtype, t.typtype) in ('e', 'd', 'c') as user_type
       from pg_attribute a join pg_type t on t.oid = a.atttypid left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
      where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [ident(table)],
  );
  const key = await client.query<{ name: string }>(
    `select a.attname::text as name from pg_constraint k
       cross join lateral unnest(k.conkey) with ordinality as u(attnum, ord)
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
      where k.conrelid = to_regclass($1) and k.contype = 'p' order by u.ord`,
    [ident(table)],
  );
  return { columns: columns.rows.map((r) => ({ name: r.name, type: r.type, userType: r.user_type })), primaryKey: key.rows.map((r) => r.name) };
}

const stored = (c: LiveColumn) => (c.userType ? `${ident(c.name)}::text${c.type.endsWith('[]') ? '[]' : ''} AS ${ident(c.name)}` : ident(c.name));
const restored = (c: LiveColumn, alias: string) => (c.userType ? `${alias}${ident(c.name)}::${c.type}` : `${alias}${ident(c.name)}`);

function restoreSql(target: BackupTarget, backup: string, keyColumns: string[], copied: LiveColumn[]): string {
  const source = `${BACKUP_SCHEMA}.${ident(backup)}`;
  if (target.columns === null || keyColumns.length === 0) {
    return `INSERT INTO ${ident(target.table)} (${copied.map((c) => ident(c.name)).join(', ')}) SELECT ${copied.map((c) => restored(c, '')).join(', ')} FROM ${source};`;
  }
  const atRisk = copied.filter((c) => target.columns?.includes(c.name));
  const sets = atRisk.map((c) => `${ident(c.name)} = ${restored(c, 'b.')}`).join(', ');
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
  step: { revision: string; direction: 'up' | 'down' },
  now: Date = new Date(),
): Promise<BackupRecord[]> {
  if (targets.length === 0) return [];
  await ensureBackupSchema(client);
  const stamp = backupStamp(now);
  const records: BackupRecord[] = [];
  for (const target of targets) {
    const live = await liveTable(client, target.table);
    if (live.columns.length === 0) continue;
    const keyColumns = target.columns === null ? [] : live.primaryKey;
    // Whole table, or key + columns at risk; a table without a primary key is copied whole to stay matchable.
    const wanted = target.columns === null || keyColumns.length === 0 ? null : new Set([...keyColumns, ...target.columns]);
    const copied = live.columns.filter((c) => wanted === null || wanted.has(c.name));
    const name = backupTableName(target, step.revision, stamp);
    const result = await client.query(`CREATE TABLE ${BACKUP_SCHEMA}.${ident(name)} AS SELECT ${copied.map(stored).join(', ')} FROM ${ident(target.table)}`);
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

/** One line saying what was copied where. */
export function backupLine(record: BackupRecord): string {
  const what = record.columns ? `column(s) ${record.columns.join(', ')} of "${record.table}"` : `table "${record.table}"`;
  return `Backed up ${record.rows} row(s) of ${what} to ${BACKUP_SCHEMA}."${record.backupTable}".`;
}

/** How to put one backup back, for the user to read. */
export function restoreHint(record: BackupRecord): string {
  const what = record.columns ? `column(s) ${record.columns.join(', ')} of "${record.table}"` : `table "${record.table}"`;
  const when = record.reason === 'alterType' ? 'to undo the type change' : `once ${record.columns ? 'the column exists' : 'the table exists'} again (e.g. after a downgrade)`;
  return `Backed up ${record.rows} row(s) of ${what} to ${BACKUP_SCHEMA}."${record.backupTable}". To restore ${when}, run:\n  ${record.restoreSql}`;
}
