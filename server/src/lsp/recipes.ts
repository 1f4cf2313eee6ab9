// Hover text per finding code: what the change does to stored data, and the safe way to make it.
// Presentation only; the finding's own message (with table, column and row counts) comes first.
export interface Recipe {
  data: string;
  safe: string;
}

const RECIPES: Record<string, Recipe> = {
  DS102: {
    data: 'Dropping the table deletes every row in it, and the rows of tables whose foreign keys cascade from it. A downgrade recreates the table empty.',
    safe: 'If the table was renamed, treat it as a rename (`op.rename_table`) so the rows stay. Otherwise back the table up first (`CREATE TABLE backup AS SELECT * FROM …`), stop the application from using it, and drop it in a later release.',
  },
  DS103: {
    data: 'Dropping the column deletes its value in every row. A downgrade brings the column back, but empty.',
    safe: 'If the column was renamed, treat it as a rename (`alter_column(…, new_column_name=…)`) so the values stay. Otherwise first release code that no longer reads it, copy the values somewhere if they matter, then drop it.',
  },
  MF101: {
    data: 'Adding a unique constraint fails if the column already holds duplicate values, and the whole migration rolls back.',
    safe: 'Find the duplicates first (`SELECT col, count(*) FROM t GROUP BY col HAVING count(*) > 1`), clean them up in a data migration, then add the constraint.',
  },
  MF103: {
    data: 'Adding a NOT NULL column without a server default fails on any table that already has rows: the existing rows would have no value.',
    safe: 'Give the column a `server_default`, or do it in two steps: add it nullable, backfill the existing rows, then make it NOT NULL.',
  },
  MF104: {
    data: 'Making a column NOT NULL fails if any row holds NULL in it, and the whole migration rolls back.',
    safe: 'Backfill the NULLs first (`UPDATE t SET col = … WHERE col IS NULL`), in the same migration before `alter_column(nullable=False)` or in an earlier one.',
  },
  MF105: {
    data: 'Narrowing the type or casting it can fail on values that do not fit, or silently truncate or round them.',
    safe: 'Check the longest or largest stored value first; if some do not fit, fix those rows, or keep the wider type.',
  },
  BC101: {
    data: 'Written as drop + create, a table rename deletes every row. As a rename, the rows stay.',
    safe: 'Accept "Treat as rename": the migration uses `op.rename_table`. Deploy code that reads the new name at the same time.',
  },
  BC102: {
    data: 'Written as drop + add (what Alembic autogenerate does), a column rename deletes every value. As a rename, the values stay.',
    safe: 'Accept "Treat as rename": the migration uses `op.alter_column(…, new_column_name=…)`.',
  },
  PG101: {
    data: 'No data is lost, but `CREATE INDEX` blocks writes to the table until the index is built, which can take long on a big table.',
    safe: 'Create it `CONCURRENTLY` (`postgresql_concurrently=True` inside `op.get_context().autocommit_block()`).',
  },
  PG301: {
    data: 'The type change rewrites the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until it finishes.',
    safe: 'On a big table, add a new column, backfill it in batches, switch the code over, then drop the old column.',
  },
  MG001: {
    data: 'The models and the migration history disagree: the database does not yet have these changes.',
    safe: 'Run "Create migration for pending changes", review the file, then upgrade.',
  },
};

export function recipeFor(code: string): Recipe | undefined {
  return RECIPES[code];
}
