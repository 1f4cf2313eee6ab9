// Row counts behind findings, by the measure each rule record declares (core/rules/record.ts):
// every row of a table, the non-null values of a column, its NULLs, or the values a narrowing cast
// can't hold (every non-null value when the new type is unknown).
import type { ClientBase } from 'pg';
import type { RowCountRequest } from '../core/rules/record';

export type RiskQuery = RowCountRequest;

export interface RowsAtRisk extends RiskQuery {
  /** All rows of the table. */
  totalRows: number;
  /** The rows the change puts at risk (see the file comment); equals totalRows for `tableRows`. */
  rowsAtRisk: number;
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
  const ranges: Record<string, [string, string]> = { smallint: ['-32768', '32767'], integer: ['-2147483648', '2147483647'], bigint: ['-9223372036854775808', '9223372036854775807'] };
  const range = ranges[toType];
  // CASE, not OR: PostgreSQL does not promise to short-circuit, and the cast fails on non-numbers.
  if (range) return `(${col} is not null and case when ${col}::text ~ '^\\s*[-+]?[0-9]+(\\.0*)?\\s*$' then ${col}::text::numeric not between ${range[0]} and ${range[1]} else true end)`;
  return null;
}

async function columnExists(client: ClientBase, table: string, column: string): Promise<boolean> {
  const result = await client.query(
    `select 1 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relname = $1 and a.attname = $2 and a.attnum > 0 and not a.attisdropped`,
    [table, column],
  );
  return (result.rowCount ?? 0) > 0;
}

async function tableExists(client: ClientBase, table: string): Promise<boolean> {
  const result = await client.query(
    `select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relname = $1 and c.relkind in ('r', 'p')`,
    [table],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Counts the rows at risk for one finding; a missing table or column is reported, not thrown. */
export async function countRowsAtRisk(client: ClientBase, query: RiskQuery): Promise<RowsAtRisk> {
  const base = { ...query, totalRows: 0, rowsAtRisk: 0 };
  if (!(await tableExists(client, query.table))) return { ...base, problem: `table "${query.table}" is not in the database` };
  if (query.measure === 'tableRows' || query.column === undefined) {
    const result = await client.query<{ total: string }>(`select count(*) as total from ${ident(query.table)}`);
    const total = Number(result.rows[0]?.total ?? 0);
    return { ...base, totalRows: total, rowsAtRisk: total, problem: query.measure === 'tableRows' ? null : 'no column given' };
  }
  if (!(await columnExists(client, query.table, query.column))) {
    return { ...base, problem: `column "${query.table}.${query.column}" is not in the database` };
  }
  const misfit = query.measure === 'valuesNotFitting' ? misfitPredicate(query.column, query.toType) : null;
  const result = await client.query<{ total: string; filled: string; misfits: string }>(
    `select count(*) as total, count(${ident(query.column)}) as filled,
            ${misfit ? `count(*) filter (where ${misfit})` : '0'} as misfits from ${ident(query.table)}`,
  );
  const total = Number(result.rows[0]?.total ?? 0);
  const filled = Number(result.rows[0]?.filled ?? 0);
  const atRisk = query.measure === 'nullValues' ? total - filled : misfit ? Number(result.rows[0]?.misfits ?? 0) : filled;
  return { ...base, totalRows: total, rowsAtRisk: atRisk, problem: null };
}

/** Counts for several findings on one connection, in order. */
export async function countAllRowsAtRisk(client: ClientBase, queries: readonly RiskQuery[]): Promise<RowsAtRisk[]> {
  const out: RowsAtRisk[] = [];
  for (const query of queries) out.push(await countRowsAtRisk(client, query));
  return out;
}
