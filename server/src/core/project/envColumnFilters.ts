// Column-level env.py filters: `include_object(object, name, type_, reflected, compare_to)` returning
// False for `type_ == "column"` (by the column's name, its table's `object.table.name`, or both), and
// `include_name(name, type_, parent_names)` for columns (`parent_names["table_name"]`). As Alembic's
// autogenerate: only columns of tables both sides have are filtered (a table created or dropped whole
// keeps every column); include_object skips the column on both sides, include_name only hides the
// database's (reflected) column.
import type { ModelSchema } from '../models/types';
import type { Schema, TableSchema } from '../schema/types';
import { bareTableName } from '../schema/tableKey';

type StringTest = (value: string, inModels: boolean) => boolean;
type NameTestReader = (text: string, subject: string, constants: ReadonlyMap<string, string[]>) => StringTest | null;

/** Whether a column is left out: `table` is the table's own name. */
export type ColumnTest = (table: string, column: string) => boolean;

export interface ColumnFilters {
  /** include_object's column tests (both sides). */
  objects: ColumnTest[];
  /** include_name's column tests (the reflected side only). */
  names: ColumnTest[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `type_ == "column" and <tests>` (any order); null when not a column condition; 'unreadable' when a part cannot be read. */
export function columnCondition(
  text: string,
  params: { name: string; type: string; table: string[] },
  constants: ReadonlyMap<string, string[]>,
  nameTest: NameTestReader,
): ColumnTest | 'unreadable' | null {
  const cond = text
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  const parts = cond.split(/\s+and\s+/).map((p) => p.trim());
  const t = escape(params.type);
  const typeTest = new RegExp(`^${t}\\s*==\\s*(['"])column\\1$|^(['"])column\\2\\s*==\\s*${t}$`);
  if (!parts.some((p) => typeTest.test(p))) return null;
  const tests: ColumnTest[] = [];
  for (const part of parts) {
    if (typeTest.test(part)) continue;
    // `name in target_metadata.tables` says nothing about a column.
    if (/target_metadata/.test(part)) return 'unreadable';
    const onName = nameTest(part, params.name, constants);
    if (onName) {
      tests.push((_table, column) => onName(column, false));
      continue;
    }
    const onTable = params.table.map((subject) => nameTest(part, subject, constants)).find((test) => test !== null);
    if (!onTable) return 'unreadable';
    tests.push((table) => onTable(table, false));
  }
  return (table, column) => tests.every((test) => test(table, column));
}

/** The expressions that hold the column's table name in a filter's parameters. */
export function tableSubjects(option: 'include_object' | 'include_name', params: string[]): string[] {
  if (option === 'include_object') return params[0] ? [`${params[0]}.table.name`] : [];
  const parent = params[2];
  return parent ? [`${parent}["table_name"]`, `${parent}['table_name']`, `${parent}.get("table_name")`, `${parent}.get('table_name')`] : [];
}

function withoutColumns(table: TableSchema, drop: (column: string) => boolean): TableSchema {
  const columns = Object.fromEntries(Object.entries(table.columns).filter(([column]) => !drop(column)));
  return Object.keys(columns).length === Object.keys(table.columns).length ? table : { ...table, columns };
}

/** The compared models and head without the columns the filters leave out (tables on both sides only). */
export function withoutFilteredColumns(models: ModelSchema, head: Schema, filters: ColumnFilters): { models: ModelSchema; head: Schema } {
  if (filters.objects.length === 0 && filters.names.length === 0) return { models, head };
  const modelTables = { ...models.schema.tables };
  const headTables = { ...head.tables };
  let changed = false;
  for (const key of Object.keys(headTables)) {
    const model = modelTables[key];
    const replayed = headTables[key];
    if (!model || !replayed) continue;
    const table = bareTableName(key);
    const byObject = (column: string) => filters.objects.some((test) => test(table, column));
    const byName = (column: string) => byObject(column) || filters.names.some((test) => test(table, column));
    const keptModel = withoutColumns(model, byObject);
    const keptHead = withoutColumns(replayed, byName);
    if (keptModel !== model || keptHead !== replayed) changed = true;
    modelTables[key] = keptModel;
    headTables[key] = keptHead;
  }
  if (!changed) return { models, head };
  return { models: { ...models, schema: { ...models.schema, tables: modelTables } }, head: { ...head, tables: headTables } };
}
