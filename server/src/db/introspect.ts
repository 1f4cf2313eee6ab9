// Reads a live PostgreSQL schema from pg_catalog into the internal Schema, the same shape that
// models and replayed migrations produce, so the three can be compared.
import type { ClientBase } from 'pg';
import { emptyTable, type Schema, type TableSchema } from '../core/schema/types';
import { tableKey } from '../core/schema/tableKey';

export interface IntrospectOptions {
  /** The PostgreSQL schema (namespace) to read; "public" by default. */
  schemaName?: string;
  /** The project's version table, left out (default alembic_version); null when it lives in another schema. */
  versionTable?: string | null;
  /** Other schemas read too (the ones a history creates tables in), their tables keyed "<schema>.<table>" (core/schema/tableKey.ts). */
  alsoSchemas?: readonly string[];
  /** The schema `versionTable` lives in when it is not `schemaName` (left out of that schema instead). */
  versionTableSchema?: string | null;
}

/** Alembic's bookkeeping table is never part of the user's schema. */
export const ALEMBIC_VERSION_TABLE = 'alembic_version';

const ON_DELETE: Record<string, string | null> = { a: null, r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const TABLES_SQL = `
  select c.oid::int8::text as oid, c.relname::text as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $2
   order by c.relname`;

const COLUMNS_SQL = `
  select c.relname::text as table_name, a.attname::text as name,
         format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
         pg_get_expr(d.adbin, d.adrelid) as default_expr,
         col_description(a.attrelid, a.attnum) as comment
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
   where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $2
     and a.attnum > 0 and not a.attisdropped
   order by c.relname, a.attnum`;

// Column lists follow conkey / confkey order, which is the order the constraint was declared in.
const CONSTRAINTS_SQL = `
  select c.relname::text as table_name, k.conname::text as name, k.contype::text as type,
         array(select a.attname::text from unnest(k.conkey) with ordinality as u(attnum, ord)
                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord) as columns,
         rc.relname::text as ref_table, rn.nspname::text as ref_schema,
         array(select a.attname::text from unnest(k.confkey) with ordinality as u(attnum, ord)
                 join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord) as ref_columns,
         k.confdeltype::text as on_delete,
         pg_get_constraintdef(k.oid) as definition
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_class rc on rc.oid = k.confrelid
    left join pg_namespace rn on rn.oid = rc.relnamespace
   where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $2
     and k.contype in ('p', 'u', 'f', 'c')
   order by c.relname, k.conname`;

// Indexes that back a constraint (primary key, unique, exclusion) are reported with the constraint.
const INDEXES_SQL = `
  select c.relname::text as table_name, ic.relname::text as name, i.indisunique as is_unique,
         array(select case when i.indkey[s.k] = 0 then pg_get_indexdef(i.indexrelid, s.k + 1, true)
                           else (select a.attname::text from pg_attribute a
                                  where a.attrelid = i.indrelid and a.attnum = i.indkey[s.k]) end
                 from generate_series(0, i.indnkeyatts - 1) as s(k) order by s.k) as columns
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $2
     and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid
                        and k.contype in ('p', 'u', 'x'))
   order by c.relname, ic.relname`;

const ENUMS_SQL = `
  select t.typname::text as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
    from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    join pg_enum e on e.enumtypid = t.oid
   where n.nspname = $1 and t.typtype = 'e'
   group by t.typname
   order by t.typname`;

interface ColumnRow {
  table_name: string;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  comment: string | null;
}
interface ConstraintRow {
  table_name: string;
  name: string;
  type: string;
  columns: string[];
  ref_table: string | null;
  ref_schema: string | null;
  ref_columns: string[];
  on_delete: string;
  definition: string;
}
interface IndexRow {
  table_name: string;
  name: string;
  is_unique: boolean;
  columns: string[];
}
interface EnumRow {
  name: string;
  labels: string[];
}

/** "CHECK ((price > 0)) NOT VALID" → "(price > 0)": the expression alone, as PostgreSQL prints it. */
export function checkExpressionOf(definition: string): string {
  const match = /^CHECK\s*\(([\s\S]*)\)(\s+NOT VALID)?(\s+NO INHERIT)?\s*$/i.exec(definition.trim());
  return match ? (match[1] as string).trim() : definition.trim();
}

function addConstraint(table: TableSchema, row: ConstraintRow, defaultSchema: string): void {
  if (row.type === 'p') table.primaryKey = { name: row.name, columns: row.columns };
  else if (row.type === 'u') table.uniques.push({ name: row.name, columns: row.columns });
  else if (row.type === 'c') table.checks.push({ name: row.name, expression: checkExpressionOf(row.definition) });
  else if (row.type === 'f') {
    table.foreignKeys.push({
      name: row.name,
      columns: row.columns,
      refTable: row.ref_table === null ? '' : tableKey(row.ref_table, row.ref_schema === defaultSchema ? null : row.ref_schema),
      refColumns: row.ref_columns,
      onDelete: ON_DELETE[row.on_delete] ?? null,
    });
  }
}

/** The live schema of one namespace (default "public"), without alembic_version, plus the tables of `alsoSchemas`. */
export async function introspectSchema(client: ClientBase, opts: IntrospectOptions = {}): Promise<Schema> {
  const defaultSchema = opts.schemaName ?? 'public';
  const versionTable = opts.versionTable === undefined ? ALEMBIC_VERSION_TABLE : opts.versionTable;
  const versionSchema = opts.versionTableSchema ?? defaultSchema;
  const schema: Schema = { tables: {}, enums: {} };
  for (const namespace of [defaultSchema, ...(opts.alsoSchemas ?? []).filter((s) => s !== defaultSchema)]) {
    // The version table is not the user's schema; null: it lives elsewhere, nothing is left out.
    const left = versionTable !== null && namespace === versionSchema ? versionTable : '';
    const key = (table: string) => tableKey(table, namespace === defaultSchema ? null : namespace);
    await readNamespace(client, namespace, left, key, defaultSchema, schema);
    // Enum types are keyed as tables are: "audit.kind" in another schema.
    const enums = await client.query<EnumRow>(ENUMS_SQL, [namespace]);
    for (const row of enums.rows) schema.enums[key(row.name)] = row.labels;
  }
  return schema;
}

async function readNamespace(
  client: ClientBase,
  namespace: string,
  versionTable: string,
  key: (table: string) => string,
  defaultSchema: string,
  schema: Schema,
): Promise<void> {
  const params = [namespace, versionTable];
  // One statement at a time: a pg client queues them anyway, and PGlite serves one session.
  const tables = await client.query<{ name: string }>(TABLES_SQL, params);
  const columns = await client.query<ColumnRow>(COLUMNS_SQL, params);
  const constraints = await client.query<ConstraintRow>(CONSTRAINTS_SQL, params);
  const indexes = await client.query<IndexRow>(INDEXES_SQL, params);
  for (const row of tables.rows) schema.tables[key(row.name)] = emptyTable();
  for (const row of columns.rows) {
    const table = schema.tables[key(row.table_name)];
    if (!table) continue;
    table.columns[row.name] = {
      type: row.type,
      nullable: !row.not_null,
      default: row.default_expr,
      ...(row.comment !== null ? { comment: row.comment } : {}),
    };
  }
  for (const row of constraints.rows) {
    const table = schema.tables[key(row.table_name)];
    if (table) addConstraint(table, row, defaultSchema);
  }
  for (const row of indexes.rows) {
    schema.tables[key(row.table_name)]?.indexes.push({ name: row.name, columns: row.columns, unique: row.is_unique });
  }
}
