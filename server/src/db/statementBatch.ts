// A revision's statements in one round trip: one simple-query message holding them all (PostgreSQL
// runs them in order inside the open transaction and answers with one result each). When one fails,
// the batch is rolled back to a savepoint taken in the same message and the statements run again one
// at a time, so the error names the statement and its line in the revision file, as before.
import type { ClientBase, QueryResult } from 'pg';

export interface BatchStatement {
  sql: string;
}

export interface StatementFailure<S> {
  statement: S | null;
  error: unknown;
}

const SAVEPOINT = 'migration_guard_step';

/**
 * Text that is safe to join: no `;` (a raw op.execute may hold several commands, whose results
 * would not line up one per statement) and no NUL. Others run one by one, exactly as before.
 */
const batchable = (sql: string) => !sql.includes(';') && !sql.includes('\u0000');

async function oneByOne<S extends BatchStatement>(
  client: ClientBase,
  statements: readonly S[],
): Promise<{ rowCounts: (number | null)[] } | StatementFailure<S>> {
  const rowCounts: (number | null)[] = [];
  for (const statement of statements) {
    try {
      const result = await client.query(statement.sql);
      rowCounts.push(result.rowCount ?? null);
    } catch (error) {
      return { statement, error };
    }
  }
  return { rowCounts };
}

/** Runs the statements in order; their row counts, or the statement that failed (null when no single one can be named). */
export async function runStatements<S extends BatchStatement>(
  client: ClientBase,
  statements: readonly S[],
): Promise<{ rowCounts: (number | null)[] } | StatementFailure<S>> {
  if (statements.length < 2 || !statements.every((s) => batchable(s.sql))) return oneByOne(client, statements);
  // A line comment at the end of a statement ends at the newline, before the separator.
  const text = [`SAVEPOINT ${SAVEPOINT}`, ...statements.map((s) => s.sql)].join('\n;\n');
  let results: QueryResult | QueryResult[];
  try {
    results = (await client.query(text)) as QueryResult | QueryResult[];
  } catch (batchError) {
    try {
      await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    } catch {
      return { statement: null, error: batchError };
    }
    const again = await oneByOne(client, statements);
    // Run alone, every statement passed (a lock that timed out before, say): report the batch's error.
    return 'error' in again ? again : { statement: null, error: batchError };
  }
  const list = Array.isArray(results) ? results.slice(1) : [];
  if (list.length !== statements.length) return { rowCounts: statements.map(() => null) };
  return { rowCounts: list.map((r) => r.rowCount ?? null) };
}
