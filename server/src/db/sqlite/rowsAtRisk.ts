// Row counts behind findings on a SQLite file, by the measure each rule record declares (the same
// contract as db/rowsAtRisk.ts for PostgreSQL). Values "not fitting" a narrower type are counted even
// though SQLite would keep them: they are the rows that no longer match the models' type.
import type { RiskQuery, RowsAtRisk } from '../rowsAtRisk';
import { sqliteIdent as q, sqliteTable as qt, type SqliteConnection } from './driver';
import { COUNT_PROBLEMS } from '../counts';

function misfit(column: string, toType: string | undefined): string | null {
  if (!toType) return null;
  const col = q(column);
  const length = /^(?:character varying|character|varchar|char)\((\d+)\)$/.exec(toType);
  if (length) return `length(${col}) > ${Number(length[1])}`;
  if (/^(smallint|integer|bigint)$/.test(toType)) return `(${col} IS NOT NULL AND CAST(${col} AS INTEGER) IS NOT ${col})`;
  return null;
}

export async function countSqliteRowsAtRisk(conn: SqliteConnection, query: RiskQuery): Promise<RowsAtRisk> {
  const base = { ...query, totalRows: 0, rowsAtRisk: 0 };
  const columns = await conn.query(`SELECT name FROM pragma_table_info(?)`, [query.table]);
  if (columns.rows.length === 0) return { ...base, problem: COUNT_PROBLEMS.noTable(query.table) };
  const total = Number((await conn.query(`SELECT count(*) FROM ${qt(query.table)}`)).rows[0]?.[0] ?? 0);
  if (query.measure === 'duplicateGroups') {
    const cols = query.columns ?? (query.column !== undefined ? [query.column] : []);
    if (cols.some((c) => !columns.rows.some((r) => r[0] === c)))
      return { ...base, totalRows: total, problem: COUNT_PROBLEMS.noKeyColumn(cols.join(', '), query.table) };
    const groups = await conn.query(
      `SELECT count(*) FROM (SELECT 1 FROM ${qt(query.table)} WHERE ${cols.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols.map(q).join(', ')} HAVING count(*) > 1)`,
    );
    return { ...base, totalRows: total, rowsAtRisk: Number(groups.rows[0]?.[0] ?? 0), problem: null };
  }
  // A SQLite file has no row estimate: the exact count stands in for `tableEstimate`.
  const wholeTable = query.measure === 'tableRows' || query.measure === 'tableEstimate';
  if (wholeTable || query.column === undefined) {
    return { ...base, totalRows: total, rowsAtRisk: total, problem: wholeTable ? null : COUNT_PROBLEMS.noColumnGiven };
  }
  if (!columns.rows.some((r) => r[0] === query.column)) return { ...base, totalRows: total, problem: COUNT_PROBLEMS.noColumn(query.table, query.column) };
  const predicate = query.measure === 'valuesNotFitting' ? misfit(query.column, query.toType) : null;
  const row =
    (await conn.query(`SELECT count(${q(query.column)}), ${predicate ? `sum(CASE WHEN ${predicate} THEN 1 ELSE 0 END)` : '0'} FROM ${qt(query.table)}`))
      .rows[0] ?? [];
  const filled = Number(row[0] ?? 0);
  const atRisk = query.measure === 'nullValues' ? total - filled : predicate ? Number(row[1] ?? 0) : filled;
  return { ...base, totalRows: total, rowsAtRisk: atRisk, problem: null };
}
