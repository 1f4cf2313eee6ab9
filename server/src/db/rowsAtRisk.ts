// Row counts behind findings, by the measure each rule record declares (core/rules/record.ts):
// every row of a table, the non-null values of a column, its NULLs, the values a type change can't
// hold or would change (counted with the target type itself), the duplicate groups of a key, or a
// table's size and row estimate.
import type { ClientBase } from 'pg';
import type { RowCountRequest } from '../core/rules/record';
import { typeChangeEffect } from '../core/rules/typeChanges';
import { COUNT_PROBLEMS } from './counts';
import { quoteTable } from '../core/render/sqlNames';
import { bareTableName, schemaOfKey } from '../core/schema/tableKey';

export type RiskQuery = RowCountRequest;

export interface RowsAtRisk extends RiskQuery {
  /** All rows of the table. */
  totalRows: number;
  /** The rows the change puts at risk (see the file comment); equals totalRows for `tableRows`. */
  rowsAtRisk: number;
  /** `tableEstimate`: pg_total_relation_size of the table. */
  bytes?: number;
  /** `tableEstimate`: totalRows is PostgreSQL's reltuples estimate, not a count. */
  estimated?: boolean;
  /** Null when counted; otherwise why not (missing table or column). */
  problem: string | null;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * For MF105, a predicate true for values the new type can't hold: too long for varchar(n)/char(n),
 * too many integer digits for numeric(p,s), not an integer for integer types. Null when unknown
 * (then every non-null value counts as at risk).
 */
export function misfitPredicate(column: string, toType: string | undefined): string | null {
  if (!toType) return null;
  const col = ident(column);
  const length = /^(?:character varying|character|varchar|char)\((\d+)\)$/.exec(toType);
  if (length) return `length(${col}::text) > ${Number(length[1])}`;
  const numeric = /^numeric\((\d+),\s*(\d+)\)$/.exec(toType);
  if (numeric) return `abs(${col}::numeric) >= 1e${Number(numeric[1]) - Number(numeric[2])}`;
  const ranges: Record<string, [string, string]> = {
    smallint: ['-32768', '32767'],
    integer: ['-2147483648', '2147483647'],
    bigint: ['-9223372036854775808', '9223372036854775807'],
  };
  const range = ranges[toType];
  // CASE, not OR: PostgreSQL does not promise to short-circuit, and the cast fails on non-numbers.
  if (range)
    return `(${col} is not null and case when ${col}::text ~ '^\\s*[-+]?[0-9]+(\\.0*)?\\s*$' then ${col}::text::numeric not between ${range[0]} and ${range[1]} else true end)`;
  return null;
}

async function columnExists(client: ClientBase, table: string, column: string): Promise<boolean> {
  const result = await client.query(
    `select 1 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = coalesce($3::text, current_schema()) and c.relname = $1 and a.attname = $2 and a.attnum > 0 and not a.attisdropped`,
    [bareTableName(table), column, schemaOfKey(table)],
  );
  return (result.rowCount ?? 0) > 0;
}

async function tableExists(client: ClientBase, table: string): Promise<boolean> {
  const result = await client.query(
    `select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = coalesce($2::text, current_schema()) and c.relname = $1 and c.relkind in ('r', 'p')`,
    [bareTableName(table), schemaOfKey(table)],
  );
  return (result.rowCount ?? 0) > 0;
}

/** A type spelled for a cast: format_type spellings are valid SQL, except enum names, which are quoted. */
const castType = (type: string) => (/^[a-z_][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?( with(out)? time zone)?(\[\])?$/.test(type) ? type : ident(type));

/**
 * MF105 for a change that alters values (rounding, re-spelling…): the non-null values that come back
 * different when cast to the new type and read back in the old one. Runs in a savepoint: a value
 * the new type refuses makes the cast fail, and then the misfit predicate counts instead.
 */
async function countChangedValues(client: ClientBase, query: RiskQuery): Promise<number | null> {
  if (!query.fromType || !query.toType || !query.column) return null;
  if (typeChangeEffect(query.fromType, query.toType, new Set()).effect !== 'changes') return null;
  const col = ident(query.column);
  await client.query('SAVEPOINT mg_count_changes');
  try {
    const result = await client.query<{ changed: string }>(
      `select count(*) filter (where ${col} is not null and (${col}::${castType(query.toType)})::${castType(query.fromType)}::text is distinct from ${col}::text) as changed from ${quoteTable(query.table)}`,
    );
    await client.query('RELEASE SAVEPOINT mg_count_changes');
    return Number(result.rows[0]?.changed ?? 0);
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT mg_count_changes');
    return null;
  }
}

async function tableEstimate(client: ClientBase, table: string): Promise<{ rows: number; bytes: number; estimated: boolean }> {
  const result = await client.query<{ estimate: string; bytes: string }>(
    `select c.reltuples::bigint as estimate, pg_total_relation_size(c.oid) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = coalesce($2::text, current_schema()) and c.relname = $1`,
    [bareTableName(table), schemaOfKey(table)],
  );
  const row = result.rows[0];
  const bytes = Number(row?.bytes ?? 0);
  const estimate = Number(row?.estimate ?? -1);
  // -1: never analyzed (a fresh dev table); an exact count is then cheap enough and honest.
  if (estimate >= 0 && !(estimate === 0 && bytes > 8192 * 2)) return { rows: estimate, bytes, estimated: true };
  const counted = await client.query<{ total: string }>(`select count(*) as total from ${quoteTable(table)}`);
  return { rows: Number(counted.rows[0]?.total ?? 0), bytes, estimated: false };
}

/** Counts the rows at risk for one finding; a missing table or column, or a failed query, is reported, not thrown. */
export async function countRowsAtRisk(client: ClientBase, query: RiskQuery): Promise<RowsAtRisk> {
  const base = { ...query, totalRows: 0, rowsAtRisk: 0 };
  // Counting runs inside a transaction of its own so that a failing cast rolls back to a savepoint.
  await client.query('BEGIN READ ONLY');
  try {
    return await countInTransaction(client, query, base);
  } catch (error) {
    return { ...base, problem: COUNT_PROBLEMS.failed((error as Error).message) };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/**
 * The same counts from inside an open transaction (the executor's, before a step runs): in a savepoint,
 * so a failing count is reported and never aborts the migration.
 */
export async function countRowsInTransaction(client: ClientBase, query: RiskQuery): Promise<RowsAtRisk> {
  const base = { ...query, totalRows: 0, rowsAtRisk: 0 };
  await client.query('SAVEPOINT mg_count_rows');
  try {
    const counted = await countInTransaction(client, query, base);
    await client.query('RELEASE SAVEPOINT mg_count_rows');
    return counted;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT mg_count_rows');
    return { ...base, problem: COUNT_PROBLEMS.failed((error as Error).message) };
  }
}

async function countInTransaction(client: ClientBase, query: RiskQuery, base: RiskQuery & { totalRows: number; rowsAtRisk: number }): Promise<RowsAtRisk> {
  if (!(await tableExists(client, query.table))) return { ...base, problem: COUNT_PROBLEMS.noTable(query.table) };
  if (query.measure === 'tableEstimate') {
    const { rows, bytes, estimated } = await tableEstimate(client, query.table);
    return { ...base, totalRows: rows, rowsAtRisk: rows, bytes, ...(estimated ? { estimated } : {}), problem: null };
  }
  if (query.measure === 'duplicateGroups') {
    const columns = query.columns ?? [];
    for (const column of columns)
      if (!(await columnExists(client, query.table, column))) return { ...base, problem: COUNT_PROBLEMS.noColumn(query.table, column) };
    const list = columns.map(ident).join(', ');
    // NULLs never collide in a unique constraint: rows with a NULL in the key are not duplicates.
    const result = await client.query<{ total: string; groups: string }>(
      `select (select count(*) from ${quoteTable(query.table)}) as total, count(*) as groups from (select 1 from ${quoteTable(query.table)}
        where ${columns.map((c) => `${ident(c)} is not null`).join(' and ')} group by ${list} having count(*) > 1) d`,
    );
    return { ...base, totalRows: Number(result.rows[0]?.total ?? 0), rowsAtRisk: Number(result.rows[0]?.groups ?? 0), problem: null };
  }
  if (query.measure === 'tableRows' || query.column === undefined) {
    const result = await client.query<{ total: string }>(`select count(*) as total from ${quoteTable(query.table)}`);
    const total = Number(result.rows[0]?.total ?? 0);
    return { ...base, totalRows: total, rowsAtRisk: total, problem: query.measure === 'tableRows' ? null : COUNT_PROBLEMS.noColumnGiven };
  }
  if (!(await columnExists(client, query.table, query.column))) {
    return { ...base, problem: COUNT_PROBLEMS.noColumn(query.table, query.column) };
  }
  const changed = query.measure === 'valuesNotFitting' ? await countChangedValues(client, query) : null;
  const misfit = query.measure === 'valuesNotFitting' && changed === null ? misfitPredicate(query.column, query.toType) : null;
  const result = await client.query<{ total: string; filled: string; misfits: string }>(
    `select count(*) as total, count(${ident(query.column)}) as filled,
            ${misfit ? `count(*) filter (where ${misfit})` : '0'} as misfits from ${quoteTable(query.table)}`,
  );
  const total = Number(result.rows[0]?.total ?? 0);
  const filled = Number(result.rows[0]?.filled ?? 0);
  const atRisk = query.measure === 'nullValues' ? total - filled : changed !== null ? changed : misfit ? Number(result.rows[0]?.misfits ?? 0) : filled;
  return { ...base, totalRows: total, rowsAtRisk: atRisk, problem: null };
}

/** Counts for several findings on one connection, in order. */
export async function countAllRowsAtRisk(client: ClientBase, queries: readonly RiskQuery[]): Promise<RowsAtRisk[]> {
  const out: RowsAtRisk[] = [];
  for (const query of queries) out.push(await countRowsAtRisk(client, query));
  return out;
}
