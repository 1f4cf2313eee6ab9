// Listing and restoring backups from migration_guard_backup.backups: the catalog takeBackups fills.
// A restore runs in one transaction under the migration lock, after checking that the table (and,
// for a column backup, every column) it writes into exists; it reports the rows it restored.
import type { ClientBase, QueryResult } from 'pg';
import { acquireMigrationLock } from './lock';
import { BACKUP_SCHEMA, qualifiedTable, regclassText } from './restoreSql';
import * as l10n from '@vscode/l10n';

export interface CatalogEntry {
  id: number;
  createdAt: string;
  revision: string;
  direction: string;
  schema: string | null;
  table: string;
  columns: string[] | null;
  backupTable: string;
  rows: number;
  restoreSql: string;
}

export interface RestoreResult {
  backup: CatalogEntry;
  /** Rows the restore inserted or updated. */
  rowsRestored: number;
}

export class RestoreRefusedError extends Error {}

const TEXT = {
  noBackup: (spec: string) => l10n.t('no backup "{0}" in {1} (list them with `migration-guard restore DIR`)', spec, `${BACKUP_SCHEMA}.backups`),
  backupGone: (name: string) => l10n.t('the backup table {0} no longer exists', `${BACKUP_SCHEMA}."${name}"`),
  noTable: (table: string) => l10n.t('table {0} does not exist: recreate it first (e.g. downgrade the revision that dropped it), then restore', table),
  noColumns: (table: string, columns: string[]) =>
    columns.length === 1
      ? l10n.t('table {0} has no column {1}: recreate it first (e.g. downgrade the revision that dropped it), then restore', table, columns[0] as string)
      : l10n.t('table {0} has no columns {1}: recreate them first (e.g. downgrade the revision that dropped them), then restore', table, columns.join(', ')),
};

async function catalogExists(client: ClientBase): Promise<boolean> {
  const found = await client.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [`${BACKUP_SCHEMA}.backups`]);
  return found.rows[0]?.ok === true;
}

/** Every backup, newest first; empty when none was ever taken. */
export async function listBackups(client: ClientBase): Promise<CatalogEntry[]> {
  if (!(await catalogExists(client))) return [];
  const hasSchema = await client.query(
    `select 1 from information_schema.columns where table_schema = $1 and table_name = 'backups' and column_name = 'source_schema'`,
    [BACKUP_SCHEMA],
  );
  const rows = await client.query<{
    id: number;
    created_at: Date;
    revision: string;
    direction: string;
    source_schema: string | null;
    source_table: string;
    source_columns: string[] | null;
    backup_table: string;
    row_count: string;
    restore_sql: string;
  }>(
    `select id, created_at, revision, direction, ${hasSchema.rowCount ? 'source_schema' : 'null::text as source_schema'}, source_table, source_columns, backup_table, row_count, restore_sql
       from ${BACKUP_SCHEMA}.backups order by created_at desc, id desc`,
  );
  return rows.rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at).toISOString(),
    revision: r.revision,
    direction: r.direction,
    schema: r.source_schema,
    table: r.source_table,
    columns: r.source_columns,
    backupTable: r.backup_table,
    rows: Number(r.row_count),
    restoreSql: r.restore_sql,
  }));
}

async function checkTarget(client: ClientBase, entry: CatalogEntry): Promise<void> {
  const backup = await client.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [
    regclassText({ schema: BACKUP_SCHEMA, table: entry.backupTable }),
  ]);
  if (!backup.rows[0]?.ok) throw new RestoreRefusedError(TEXT.backupGone(entry.backupTable));
  const target = { table: entry.table, ...(entry.schema ? { schema: entry.schema } : {}) };
  const table = qualifiedTable(target);
  const columns = await client.query<{ name: string }>(
    `select attname::text as name from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`,
    [regclassText(target)],
  );
  if (columns.rowCount === 0) throw new RestoreRefusedError(TEXT.noTable(table));
  const missing = (entry.columns ?? []).filter((c) => !columns.rows.some((r) => r.name === c));
  if (missing.length > 0) throw new RestoreRefusedError(TEXT.noColumns(table, missing));
}

/** Puts one backup (by backup table name or catalog id) back, in one transaction. */
export async function restoreBackup(
  client: ClientBase,
  spec: string,
  opts: { lockTimeoutMs?: number; log?: (line: string) => void } = {},
): Promise<RestoreResult> {
  const entry = (await listBackups(client)).find((b) => b.backupTable === spec || String(b.id) === spec);
  if (!entry) throw new RestoreRefusedError(TEXT.noBackup(spec));
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL lock_timeout = ${Math.max(0, Math.round(opts.lockTimeoutMs ?? 10_000))}`);
    await acquireMigrationLock(client, opts.log ?? (() => undefined));
    await checkTarget(client, entry);
    let rowsRestored = 0;
    // One multi-statement query, never split on line breaks: a backup written before names were kept
    // to one line can hold a quoted name with a newline in it.
    const results = (await client.query(entry.restoreSql)) as QueryResult | QueryResult[];
    for (const result of Array.isArray(results) ? results : [results]) {
      if (result.command === 'INSERT' || result.command === 'UPDATE') rowsRestored += result.rowCount ?? 0;
    }
    await client.query('COMMIT');
    return { backup: entry, rowsRestored };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
