// Column-level env.py filters: `include_object(object, name, type_, reflected, compare_to)` returning
// False for `type_ == "column"` (by the column's name, its table's `object.table.name`, or both), and
// `include_name(name, type_, parent_names)` for columns (`parent_names["table_name"]`). As Alembic's
// autogenerate: only columns of tables both sides have are filtered (a table created or dropped whole
// keeps every column); include_object skips the column on both sides, include_name only hides the
// database's (reflected) column.
import * as l10n from '@vscode/l10n';
import type { ModelSchema } from '../models/types';
import type { Schema, TableSchema } from '../schema/types';
import type { Note } from '../source';
import { bareTableName } from '../schema/tableKey';
import type { UncertainColumns } from './uncertainFindings';

export const COLUMN_TEXT = {
  unreadable: (option: string, name: string, condition: string) =>
    l10n.t(
      "env.py's {0} ({1}) tests columns with a condition this tool cannot read without running it ({2}): the columns it may leave out are still compared, and a column only the migrations have is not reported as dropped",
      option,
      name,
      condition,
    ),
  reason: (option: string) => l10n.t("env.py's {0} may leave this column out of autogenerate", option),
};

type StringTest = (value: string, inModels: boolean) => boolean;
type NameTestReader = (text: string, subject: string, constants: ReadonlyMap<string, string[]>) => StringTest | null;

/** Whether a column is left out: `table` is the table's own name. */
export type ColumnTest = (table: string, column: string) => boolean;

/** What a filter function says about columns: the tests read, and the conditions that could not be read. */
export interface ColumnReading {
  tests: ColumnTest[];
  unreadable: string[];
}

/** Whether a condition names a parameter (`type_`): one that does not is asked of every kind of object. */
export function mentions(condition: string, param: string): boolean {
  return new RegExp(`(^|[^\\w.])${escape(param)}($|[^\\w])`).test(condition);
}

/** A note at the line of a column condition that cannot be read (found in env.py's text; else the configure call's line). */
export function unreadableColumnNote(file: string, text: string, name: string, option: string, condition: string, fallbackLine: number): Note {
  const header = text.search(new RegExp(`^def\\s+${escape(name)}\\s*\\(`, 'm'));
  const probe = condition.slice(0, 40);
  const at = header >= 0 ? text.indexOf(probe, header) : -1;
  const line = at >= 0 ? text.slice(0, at).split('\n').length - 1 : fallbackLine;
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return { severity: 'info', kind: 'config', message: COLUMN_TEXT.unreadable(option, name, condition), location: { file, range } };
}

/**
 * With a column test that cannot be read, any column only the history has (of a table both sides have)
 * may be one the filter leaves out: a drop of it is uncertain, never a data-loss warning.
 */
export function columnFilterUncertainty(models: Schema, head: Schema, unreadable: { reason: string } | null): UncertainColumns {
  const out = new Map<string, { columns: Set<string>; reason: string }>();
  if (!unreadable) return out;
  for (const [key, table] of Object.entries(head.tables)) {
    const model = models.tables[key];
    if (!model) continue;
    const missing = Object.keys(table.columns).filter((column) => !(column in model.columns));
    if (missing.length > 0) out.set(key, { columns: new Set(missing), reason: unreadable.reason });
  }
  return out;
}

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
