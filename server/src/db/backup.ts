// Backups before destructive steps. The API, for every caller (executor, restore, downgrades that
// put dropped columns back):
// - backupTargets / stepRisks (./backupTargets): what a step destroys, ops and raw SQL alike;
// - takeBackups(client, targets, step): copies each into the migration_guard_backup schema inside the
//   migration's transaction (a rolled-back run leaves no backup either) and records it in
//   migration_guard_backup.backups with the time, revision, key columns and the SQL that puts it back;
// - ./restoreSql builds that SQL; ./restore lists the catalog and runs one restore in a transaction.
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { BackupTarget } from './backupTargets';
import { shellArg } from '../core/render/shellArg';
import { BACKUP_SCHEMA, ident, literal, qualifiedTable, regclassText, restoreSql, type LiveColumn } from './restoreSql';
import * as l10n from '@vscode/l10n';
import { rowsText } from './counts';

/** What a backup holds and how to put it back, as the user reads it. */
const TEXT = {
  columns: (columns: string[], table: string) =>
    columns.length === 1 ? l10n.t('column {0} of "{1}"', columns[0] as string, table) : l10n.t('columns {0} of "{1}"', columns.join(', '), table),
  table: (table: string) => l10n.t('table "{0}"', table),
  backedUp: (rows: number, what: string, where: string) => l10n.t('Backed up {0} of {1} to {2}.', rowsText(rows), what, where),
  undoTypeChange: (command: string) => l10n.t('To restore it to undo the type change, run `{0}`, or:', command),
  columnAgain: (command: string) => l10n.t('To restore it once the column exists again (e.g. after a downgrade), run `{0}`, or:', command),
  tableAgain: (command: string) => l10n.t('To restore it once the table exists again (e.g. after a downgrade), run `{0}`, or:', command),
};

export { BACKUP_SCHEMA } from './restoreSql';

export type { BackupTarget } from './backupTargets';
export { backupTargets } from './backupTargets';

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

/** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
const MAX_NAME_BYTES = 63;

/** The longest prefix of text that fits in `bytes` UTF-8 bytes, never splitting a character. */
function fitBytes(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * A name within PostgreSQL's 63-byte limit that still says what it holds and when. When the readable
 * part must be cut, a hash of the whole of it keeps two long names that share a prefix apart.
 */
export function backupTableName(target: BackupTarget, revision: string, stamp: string): string {
  const what = `${target.schema ? `${target.schema}.` : ''}${target.columns ? `${target.table}__${target.columns.join('_')}` : target.table}`;
  const suffix = `__${revision.slice(0, 12)}__${stamp}`;
  if (Buffer.byteLength(what + suffix) <= MAX_NAME_BYTES) return `${what}${suffix}`;
  const hash = `_${createHash('sha256').update(what).digest('hex').slice(0, 8)}`;
  return `${fitBytes(what, MAX_NAME_BYTES - Buffer.byteLength(suffix) - hash.length)}${hash}${suffix}`;
}

/** The table's columns and primary key as the database has them right now (the replayed schema may lag). */
async function liveTable(client: ClientBase, table: string): Promise<{ columns: LiveColumn[]; primaryKey: string[] }> {
  const columns = await client.query<{ name: string; type: string; user_type: boolean; serial: boolean }>(
    `select a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type,
            coalesce(et.typtype, t.typtype) in ('e', 'd', 'c') as user_type,
            pg_get_serial_sequence($1, a.attname) is not null as serial
       from pg_attribute a join pg_type t on t.oid = a.atttypid left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
      where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [table],
  );
  const key = await client.query<{ name: string }>(
    `select a.attname::text as name from pg_constraint k
       cross join lateral unnest(k.conkey) with ordinality as u(attnum, ord)
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
      where k.conrelid = to_regclass($1) and k.contype = 'p' order by u.ord`,
    [table],
  );
  return {
    columns: columns.rows.map((r) => ({ name: r.name, type: r.type, userType: r.user_type, serial: r.serial })),
    primaryKey: key.rows.map((r) => r.name),
  };
}

const stored = (c: LiveColumn) => (c.userType ? `${ident(c.name)}::text${c.type.endsWith('[]') ? '[]' : ''} AS ${ident(c.name)}` : ident(c.name));

async function ensureBackupSchema(client: ClientBase): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${BACKUP_SCHEMA}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${BACKUP_SCHEMA}.backups (
    id serial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), revision varchar(32) NOT NULL,
    direction text NOT NULL, source_table text NOT NULL, source_columns text[], backup_table text NOT NULL,
    row_count bigint NOT NULL, restore_sql text NOT NULL)`);
  // Catalogs made by earlier versions lack these.
  await client.query(
    `ALTER TABLE ${BACKUP_SCHEMA}.backups ADD COLUMN IF NOT EXISTS source_schema text, ADD COLUMN IF NOT EXISTS key_columns text[], ADD COLUMN IF NOT EXISTS reason text`,
  );
}

/** DROP SCHEMA s CASCADE: one whole-table target per table the schema holds right now. */
async function expandSchemas(client: ClientBase, targets: readonly BackupTarget[]): Promise<BackupTarget[]> {
  const out: BackupTarget[] = [];
  for (const target of targets) {
    if (target.table !== '*' || !target.schema) {
      out.push(target);
      continue;
    }
    const tables = await client.query<{ name: string }>(`select tablename::text as name from pg_tables where schemaname = $1 order by tablename`, [
      target.schema,
    ]);
    for (const row of tables.rows) out.push({ ...target, table: row.name });
  }
  return out;
}

/** YYYYMMDDHHMMSS in UTC. */
export function backupStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A second upgrade of the same revision within the same second must not collide with the first one's copy. */
async function freeBackupName(client: ClientBase, target: BackupTarget, revision: string, stamp: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = backupTableName(target, revision, n === 1 ? stamp : `${stamp}_${n}`);
    // By catalog, not to_regclass: a hostile name is not valid regclass syntax.
    const taken = await client.query(`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2`, [
      BACKUP_SCHEMA,
      name,
    ]);
    if (taken.rowCount === 0) return name;
  }
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
  for (const target of await expandSchemas(client, targets)) {
    const source = qualifiedTable(target);
    const live = await liveTable(client, regclassText(target));
    if (live.columns.length === 0) continue;
    const keyColumns = target.columns === null ? [] : live.primaryKey;
    // Whole table, or key + columns at risk; a table without a primary key is copied whole to stay matchable.
    const wanted = target.columns === null || keyColumns.length === 0 ? null : new Set([...keyColumns, ...target.columns]);
    const copied = live.columns.filter((c) => wanted === null || wanted.has(c.name));
    const name = await freeBackupName(client, target, step.revision, stamp);
    const result = await client.query(`CREATE TABLE ${BACKUP_SCHEMA}.${ident(name)} AS SELECT ${copied.map(stored).join(', ')} FROM ${source}`);
    const restore = restoreSql(target, name, live.primaryKey, keyColumns, copied);
    const what = target.columns ? `${target.table}(${target.columns.join(', ')})` : target.table;
    await client.query(
      `COMMENT ON TABLE ${BACKUP_SCHEMA}.${ident(name)} IS ${literal(`${what} before ${step.direction === 'up' ? 'upgrade to' : 'downgrade of'} ${step.revision} at ${now.toISOString()}`)}`,
    );
    await client.query(
      `INSERT INTO ${BACKUP_SCHEMA}.backups (created_at, revision, direction, source_schema, source_table, source_columns, backup_table, row_count, restore_sql, key_columns, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        now.toISOString(),
        step.revision,
        step.direction,
        target.schema ?? null,
        target.table,
        target.columns,
        name,
        result.rowCount ?? 0,
        restore,
        keyColumns,
        target.reason,
      ],
    );
    records.push({
      ...target,
      backupTable: name,
      revision: step.revision,
      direction: step.direction,
      createdAt: now.toISOString(),
      rows: result.rowCount ?? 0,
      keyColumns,
      restoreSql: restore,
    });
  }
  return records;
}

/** `column a of "t"`, `columns a, b of "t"` / `table "s.t"`. */
export function describeBackup(record: BackupTarget): string {
  const table = record.schema ? `${record.schema}.${record.table}` : record.table;
  return record.columns ? TEXT.columns(record.columns, table) : TEXT.table(table);
}

/** One line saying what was copied where. */
export function backupLine(record: BackupRecord): string {
  const what = describeBackup(record);
  return TEXT.backedUp(record.rows, what, `${BACKUP_SCHEMA}."${record.backupTable}"`);
}

/** How to put one backup back, for the user to read. */
export function restoreHint(record: BackupRecord): string {
  const how = record.reason === 'alterType' ? TEXT.undoTypeChange : record.columns ? TEXT.columnAgain : TEXT.tableAgain;
  return `${backupLine(record)} ${how(`migration-guard restore DIR ${shellArg(record.backupTable)}`)}\n  ${record.restoreSql.split('\n').join('\n  ')}`;
}
