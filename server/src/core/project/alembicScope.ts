// What Alembic 1.8's autogenerate does not compare, left out of the models-vs-head comparison so
// that `check` and `revision` never report what `flask db migrate` would not write:
// - CHECK constraints of a table both sides have. `alembic/autogenerate/compare.py` has comparators
//   for tables, columns, indexes and unique constraints, foreign keys and comments, and none for
//   CHECK constraints (a new or dropped table still carries its own, inline).
// - Expression (functional) indexes of a table both sides have. SQLAlchemy's reflection skips them
//   ("Skipped unsupported reflection of expression-based index"), and on PostgreSQL
//   `correct_for_autogen_constraints` (alembic/ddl/postgresql.py) also drops the models' one
//   ("autogenerate skipping functional index"). The models reader never reads one either (a note).
// Indexes on plain columns and foreign keys stay compared, as Alembic compares them.
// Only this comparison narrows: drift and round trips still compare everything.
import type { ModelSchema } from '../models/types';
import type { Schema, TableSchema } from '../schema/types';

/** An index entry that is no column of its table (`lower(name)`, `to_tsvector(...)`) is an expression. */
const isExpressionIndex = (table: TableSchema, columns: readonly string[]) => columns.some((c) => !(c in table.columns));

/** Per input table, the narrowed table: the same objects keep the diff memo's identity test working. */
const narrowedHead = new WeakMap<TableSchema, TableSchema>();
const narrowedModel = new WeakMap<TableSchema, TableSchema>();

function narrowed(table: TableSchema, memo: WeakMap<TableSchema, TableSchema>): TableSchema {
  const known = memo.get(table);
  if (known) return known;
  // The models' indexes are always on columns (the reader skips expressions): only the head's are tested.
  const indexes = memo === narrowedHead ? table.indexes.filter((index) => !isExpressionIndex(table, index.columns)) : table.indexes;
  const result = table.checks.length === 0 && indexes.length === table.indexes.length ? table : { ...table, checks: [], indexes };
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
