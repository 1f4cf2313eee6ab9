// What Alembic 1.8's autogenerate does not compare, left out of the models-vs-head comparison so
// that `check` and `revision` never report what `flask db migrate` would not write:
// - CHECK constraints of a table both sides have. `alembic/autogenerate/compare.py` has comparators
//   for tables, columns, indexes and unique constraints, foreign keys and comments, and none for
//   CHECK constraints (a new or dropped table still carries its own, inline).
// - Expression (functional) indexes of a table both sides have. SQLAlchemy's reflection skips them
//   ("Skipped unsupported reflection of expression-based index"), and on PostgreSQL
//   `correct_for_autogen_constraints` (alembic/ddl/postgresql.py) also drops the models' one
//   ("autogenerate skipping functional index"). The models reader never reads one either (a note).
// Indexes on plain columns (with their ordering dropped: `id DESC` is compared as `id`, as Alembic's
// column-name signature does) and foreign keys stay compared, as Alembic compares them.
// Only this comparison narrows: drift and round trips still compare everything.
import type { ModelSchema } from '../models/types';
import type { IndexSchema, Schema, TableSchema } from '../schema/types';

/** `id DESC`, `"Name" ASC NULLS LAST` → the column; null for an expression (`lower(name)`, `to_tsvector(...)`). */
function indexColumn(table: TableSchema, entry: string): string | null {
  if (entry in table.columns) return entry;
  const ordered =
    /^(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\s+(?:asc|desc)(?:\s+nulls\s+(?:first|last))?$|^(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\s+nulls\s+(?:first|last)$/i.exec(
      entry.trim(),
    );
  const name = ordered ? (ordered[1]?.replace(/""/g, '"') ?? ordered[2] ?? ordered[3]?.replace(/""/g, '"') ?? ordered[4]) : undefined;
  return name !== undefined && name in table.columns ? name : null;
}

/** The head's index as Alembic compares it: by column names (ordering dropped), or null for an expression index. */
function comparedIndex(table: TableSchema, index: IndexSchema): IndexSchema | null {
  const columns = index.columns.map((entry) => indexColumn(table, entry));
  if (columns.some((c) => c === null)) return null;
  return columns.every((c, i) => c === index.columns[i]) ? index : { ...index, columns: columns as string[] };
}

/** Per input table, the narrowed table: the same objects keep the diff memo's identity test working. */
const narrowedHead = new WeakMap<TableSchema, TableSchema>();
const narrowedModel = new WeakMap<TableSchema, TableSchema>();

function narrowed(table: TableSchema, memo: WeakMap<TableSchema, TableSchema>): TableSchema {
  const known = memo.get(table);
  if (known) return known;
  // The models' indexes are always on columns (the reader skips expressions): only the head's are tested.
  const indexes = memo === narrowedHead ? table.indexes.flatMap((index) => comparedIndex(table, index) ?? []) : table.indexes;
  const same = indexes.length === table.indexes.length && indexes.every((index, i) => index === table.indexes[i]);
  const result = table.checks.length === 0 && same ? table : { ...table, checks: [], indexes };
  memo.set(table, result);
  return result;
}

function narrowTables(tables: Record<string, TableSchema>, other: Record<string, TableSchema>, memo: WeakMap<TableSchema, TableSchema>) {
  let changed = false;
  const out: Record<string, TableSchema> = {};
  for (const [key, table] of Object.entries(tables)) {
    const kept = key in other ? narrowed(table, memo) : table;
    if (kept !== table) changed = true;
    out[key] = kept;
  }
  return changed ? out : tables;
}

/** The models and the head as Alembic's autogenerate compares them (see the header). */
export function alembicComparable(models: ModelSchema, head: Schema): { models: ModelSchema; head: Schema } {
  const modelTables = narrowTables(models.schema.tables, head.tables, narrowedModel);
  const headTables = narrowTables(head.tables, models.schema.tables, narrowedHead);
  return {
    models: modelTables === models.schema.tables ? models : { ...models, schema: { ...models.schema, tables: modelTables } },
    head: headTables === head.tables ? head : { ...head, tables: headTables },
  };
}
