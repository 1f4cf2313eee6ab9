// env.py's autogenerate filters: `context.configure(include_object=f, include_name=g)` decide which
// tables `flask db migrate` compares. Read statically in their common forms (a function that returns
// False for `type_ == "table" and name in [...]` / a module-level set / `name.startswith(...)`, or that
// keeps only `name in target_metadata.tables`), and applied to what check and revision compare. A filter
// that cannot be read is a note, and the tables it might exclude are never the subject of a DS warning.
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configureCalls, keyword } from '../history/envPy';
import type { Uncertainty } from '../history/guardedReplay';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';
import { bareTableName, schemaOfKey } from '../schema/tableKey';
import { readIncludeSchemas } from './includeSchemas';
import { alembicComparable } from './alembicScope';
import type { Note } from '../source';
import {
  COLUMN_TEXT,
  columnCondition,
  mentions,
  tableSubjects,
  unreadableColumnNote,
  withoutFilteredColumns,
  type ColumnFilters,
  type ColumnReading,
} from './envColumnFilters';

export interface EnvFilters {
  /** Whether the filters leave a table out of the comparison (`table`: its own name, as Alembic passes it); `inModels`: the models declare it. */
  excludes(table: string, inModels: boolean): boolean;
  /**
   * `include_schemas=True`: autogenerate reflects every schema (else only the default one), each
   * passed through include_name(name, "schema", ...) — `excludesSchema`.
   */
  includeSchemas: boolean;
  /** include_schemas= is written but not as a literal: other schemas are compared, and their history-only tables are uncertain. */
  unreadableSchemas?: { reason: string };
  excludesSchema(schema: string): boolean;
  /** Columns the filters leave out of tables both sides have (envColumnFilters.ts); absent when none. */
  columns?: ColumnFilters;
  /** A filter could not be read: tables only the history has may be excluded by it. */
  unreadable: { reason: string } | null;
  /** A filter's column test could not be read (or the filter at all): columns only the history has may be excluded by it. */
  unreadableColumns: { reason: string } | null;
  notes: Note[];
}

const TEXT = {
  unreadable: (option: string, name: string) =>
    l10n.t(
      "env.py's {0} ({1}) cannot be read without running it: the comparison may include tables the project leaves out of autogenerate, so tables only the migrations have are not reported as dropped",
      option,
      name,
    ),
  reason: (option: string) => l10n.t("env.py's {0} may leave this table out of autogenerate", option),
  schemaReason: () => l10n.t('include_schemas= cannot be read: autogenerate may not compare this schema'),
  applied: (option: string, name: string) => l10n.t("env.py's {0} ({1}) read: the tables it leaves out are not compared", option, name),
};

const NO_FILTERS: EnvFilters = {
  excludes: () => false,
  includeSchemas: false,
  excludesSchema: () => false,
  unreadable: null,
  unreadableColumns: null,
  notes: [],
};

type TableTest = (table: string, inModels: boolean) => boolean;

const STRING = /^[rRuU]?(['"])([^'"\\]*)\1$/;

/** A literal list / tuple / set of strings, `set([...])`, `frozenset(...)`; null otherwise. */
function stringCollection(text: string, constants: ReadonlyMap<string, string[]>): string[] | null {
  const trimmed = text.trim();
  if (/^[A-Za-z_]\w*$/.test(trimmed)) return constants.get(trimmed) ?? null;
  const wrapped = /^(?:frozenset|set|tuple|list)\(\s*([\s\S]*)\s*\)$/.exec(trimmed);
  const inner = wrapped ? (wrapped[1] as string).trim() : trimmed;
  const items = /^[[({]([\s\S]*)[\])}]$/.exec(inner);
  if (!items) return STRING.test(inner) ? [STRING.exec(inner)?.[2] as string] : null;
  const parts = (items[1] as string)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const values = parts.map((p) => STRING.exec(p)?.[2]);
  return values.every((v) => v !== undefined) ? (values as string[]) : null;
}

/** Module-level `NAME = [...]` / `{...}` / `(...)` / `set([...])` constants of strings, possibly over several lines. */
function moduleConstants(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const assignment = /^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*((?:frozenset|set|tuple|list)?\s*[[({][^\]})]*[\]})]\)?)/gm;
  for (const match of text.matchAll(assignment)) {
    const values = stringCollection(match[2] as string, out);
    if (values) out.set(match[1] as string, values);
  }
  return out;
}

/** The name test of a condition on `name`: `name in X`, `name == "x"`, `name.startswith(...)`, `name in target_metadata.tables`. */
function nameTest(text: string, nameParam: string, constants: ReadonlyMap<string, string[]>): TableTest | null {
  const n = nameParam.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inModels = new RegExp(`^${n}\\s+in\\s+target_metadata\\.tables$`).exec(text);
  if (inModels) return (_table, declared) => declared;
  const membership = new RegExp(`^${n}\\s+(not\\s+)?in\\s+([\\s\\S]+)$`).exec(text);
  if (membership) {
    const values = stringCollection(membership[2] as string, constants);
    if (!values) return null;
    return membership[1] ? (table) => !values.includes(table) : (table) => values.includes(table);
  }
  const equal = new RegExp(`^${n}\\s*(==|!=)\\s*(\\S+)$`).exec(text);
  if (equal && STRING.test(equal[2] as string)) {
    const value = STRING.exec(equal[2] as string)?.[2] as string;
    return equal[1] === '==' ? (table) => table === value : (table) => table !== value;
  }
  const affix = new RegExp(`^(not\\s+)?${n}\\.(startswith|endswith)\\(\\s*([\\s\\S]+?)\\s*\\)$`).exec(text);
  if (affix) {
    const values = stringCollection(affix[3] as string, constants);
    if (!values) return null;
    const test = affix[2] === 'startswith' ? (t: string) => values.some((v) => t.startsWith(v)) : (t: string) => values.some((v) => t.endsWith(v));
    return affix[1] ? (table) => !test(table) : test;
  }
  return null;
}

/** A condition on tables: `type_ == "table" and <name test>` in either order, or the name test alone; null when unreadable. */
function condition(
  text: string,
  params: { name: string; type: string; object: 'table' | 'schema' },
  constants: ReadonlyMap<string, string[]>,
): TableTest | 'other-type' | null {
  const cond = text
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  const parts = cond.split(/\s+and\s+/);
  const t = params.type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const typeTest = new RegExp(`^${t}\\s*==\\s*(['"])(\\w+)\\1$|^(['"])(\\w+)\\3\\s*==\\s*${t}$`);
  let kind: string | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    const typed = typeTest.exec(part.trim());
    if (typed) kind = (typed[2] ?? typed[4]) as string;
    else rest.push(part.trim());
  }
  if (kind !== null && kind !== params.object) return 'other-type';
  if (rest.length !== 1) return rest.length === 0 && kind === params.object ? () => true : null;
  return nameTest(rest[0] as string, params.name, constants);
}

/** The body of `def name(...)` (its indented lines), with its parameters; null when not defined at module level. */
function functionBody(text: string, name: string): { params: string[]; lines: string[] } | null {
  const header = new RegExp(`^def\\s+${name}\\s*\\(([^)]*)\\)[^:]*:\\s*$`, 'm').exec(text);
  if (!header) return null;
  const params = (header[1] as string).split(',').map((p) =>
    p
      .trim()
      .replace(/[:=].*$/, '')
      .trim(),
  );
  const lines: string[] = [];
  for (const line of text
    .slice(header.index + header[0].length)
    .split('\n')
    .slice(1)) {
    if (line.trim() !== '' && !/^\s/.test(line)) break;
    lines.push(line);
  }
  return { params, lines };
}

/** Reads a filter function into "excluded when" — or null when its body is not one of the common forms. */
function readFilter(
  text: string,
  name: string,
  option: 'include_object' | 'include_name',
  constants: ReadonlyMap<string, string[]>,
  object: 'table' | 'schema' = 'table',
  columns?: ColumnReading,
): TableTest | null {
  const fn = functionBody(text, name);
  if (!fn) return null;
  const names = option === 'include_object' ? { name: fn.params[1], type: fn.params[2] } : { name: fn.params[0], type: fn.params[1] };
  if (!names.name || !names.type) return null;
  const params = { name: names.name, type: names.type, object };
  // `type_ == "column" and ...` conditions, read into `columns` (envColumnFilters.ts).
  const columnParams = { name: names.name, type: names.type, table: tableSubjects(option, fn.params) };
  const columnTest = (cond: string) => (columns ? columnCondition(cond, columnParams, constants, nameTest) : null);
  // A condition with no `type_` test is asked of columns too (Alembic calls the filter for every object).
  const alsoColumns = (cond: string, test: TableTest, excludedWhen: boolean) => {
    if (!columns || mentions(cond, params.type)) return;
    if (/target_metadata/.test(cond)) columns.unreadable.push(cond);
    else columns.tests.push((_table, column) => test(column, false) === excludedWhen);
  };
  const statements = fn.lines
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '' && l !== 'pass')
    .join('\n')
    .replace(/^("""|''')[\s\S]*?\1\n?/, '')
    .replace(/\\\n\s*/g, ' ')
    .split('\n');
  const excluded: TableTest[] = [];
  for (let i = 0; i < statements.length; i++) {
    const line = statements[i] as string;
    const guarded = /^(?:el)?if\s+(.+?):\s*(return\s+.+)?$/.exec(line);
    if (guarded) {
      const result = guarded[2] ?? statements[++i];
      const column = columnTest(guarded[1] as string);
      if (column && result === 'return False') {
        if (column === 'unreadable') columns?.unreadable.push(guarded[1] as string);
        else columns?.tests.push(column);
        continue;
      }
      const cond = condition(guarded[1] as string, params, constants);
      if (typeof cond === 'function' && result === 'return False') alsoColumns(guarded[1] as string, cond, true);
      // `if name in KEEP: return True` with no type test: which columns the rest keeps is not read.
      else if (typeof cond === 'function' && columns && !mentions(guarded[1] as string, params.type)) columns.unreadable.push(guarded[1] as string);
      // `if type_ == "table": return <name test>` (e.g. `name in target_metadata.tables`): tables failing the test are left out.
      const returned = /^return\s+(not\s+)?(.+)$/.exec(result ?? '');
      if (cond !== null && cond !== 'other-type' && returned && !/^(True|False)$/.test(returned[2] as string)) {
        const kept = nameTest((returned[2] as string).trim(), params.name, constants);
        if (kept === null) return null;
        excluded.push((table, inModels) => cond(table, inModels) && (returned[1] ? kept(table, inModels) : !kept(table, inModels)));
        continue;
      }
      if (cond === null || (result !== 'return False' && result !== 'return True')) return null;
      if (cond === 'other-type') continue;
      if (result === 'return False') excluded.push(cond);
      else excluded.push((table, inModels) => !cond(table, inModels));
      continue;
    }
    if (/^else\s*:\s*(return\s+True)?$/.test(line)) {
      if (!/return\s+True/.test(line) && statements[++i] !== 'return True') return null;
      continue;
    }
    if (line === 'return True') break;
    const returned = /^return\s+(not\s+)?(.+)$/.exec(line);
    if (returned) {
      const column = columnTest(returned[2] as string);
      if (column && returned[1]) {
        if (column === 'unreadable') columns?.unreadable.push(returned[2] as string);
        else columns?.tests.push(column);
        break;
      }
      const cond = condition(returned[2] as string, params, constants);
      if (cond === null) return null;
      if (cond !== 'other-type') {
        excluded.push(returned[1] ? cond : (table, inModels) => !cond(table, inModels));
        alsoColumns(returned[2] as string, cond, Boolean(returned[1]));
      }
      break;
    }
    return null;
  }
  return (table, inModels) => excluded.some((test) => test(table, inModels));
}

/** Whether a filter that could not be read may leave columns out: unless each of its conditions tests `type_` for something else. */
function mayTestColumns(text: string, name: string, option: 'include_object' | 'include_name'): boolean {
  const fn = /^[A-Za-z_]\w*$/.test(name) ? functionBody(text, name) : null;
  const type = fn?.params[option === 'include_object' ? 2 : 1];
  if (!fn || !type) return true;
  const body = fn.lines.map((l) => l.replace(/#.*$/, '')).join('\n');
  // `if type_ != "table": return True` first: every column is kept, whatever follows.
  const statements = body
    .replace(/^\s*("""|''')[\s\S]*?\1/, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const guard = new RegExp(`^if\\s+${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*!=\\s*(['"])table\\1\\s*:\\s*(return\\s+True)?$`);
  const first = guard.exec(statements[0] ?? '');
  if (first && (first[2] !== undefined || statements[1] === 'return True')) return false;
  if (/(['"])column\1/.test(body)) return true;
  const conditions = [...body.matchAll(/^\s*(?:(?:el)?if\s+(.+?):|return\s+(.+))\s*$/gm)].map((m) => (m[1] ?? m[2] ?? '').trim());
  return conditions.some((c) => !/^(True|False)$/.test(c) && !mentions(c, type));
}

/** The filters env.py passes to `context.configure` (online), read from its text. */
export function readEnvFilters(scriptLocation: string): EnvFilters {
  const file = path.join(scriptLocation, 'env.py');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return NO_FILTERS;
  }
  const schemas = readIncludeSchemas(text, scriptLocation);
  // Unreadable: compared as if on (no model shows as added), but nothing only the history has there is dropped.
  const includeSchemas = schemas.value !== false;
  const bySchemas: Partial<EnvFilters> = {
    ...(schemas.value === 'unreadable' ? { unreadableSchemas: { reason: TEXT.schemaReason() } } : {}),
    notes: schemas.notes,
  };
  if (!/include_(object|name)\s*=/.test(text)) return includeSchemas ? { ...NO_FILTERS, includeSchemas, ...bySchemas } : NO_FILTERS;
  const constants = moduleConstants(text);
  const tests: TableTest[] = [];
  const schemaTests: TableTest[] = [];
  const columns: ColumnFilters = { objects: [], names: [] };
  const notes: Note[] = [...schemas.notes];
  let unreadable: EnvFilters['unreadable'] = null;
  let unreadableColumns: EnvFilters['unreadableColumns'] = null;
  const seen = new Set<string>();
  for (const call of configureCalls(text).filter((c) => !c.offline)) {
    for (const option of ['include_object', 'include_name'] as const) {
      const value = keyword(call.args, option);
      if (value === null || value === 'None' || seen.has(`${option}=${value}`)) continue;
      seen.add(`${option}=${value}`);
      const found: ColumnReading = { tests: [], unreadable: [] };
      const test = /^[A-Za-z_]\w*$/.test(value) ? readFilter(text, value, option, constants, 'table', found) : null;
      if (test) (option === 'include_object' ? columns.objects : columns.names).push(...found.tests);
      const location = { file, range: { start: { line: call.line, character: 0 }, end: { line: call.line, character: 0 } } };
      // A filter not read at all may leave out columns as well as tables.
      if ((!test && mayTestColumns(text, value, option)) || found.unreadable.length > 0) unreadableColumns ??= { reason: COLUMN_TEXT.reason(option) };
      if (test) for (const cond of found.unreadable) notes.push(unreadableColumnNote(file, text, value, option, cond, call.line));
      // include_name is also called for each schema when include_schemas is on.
      const schemaTest = test && option === 'include_name' && includeSchemas ? readFilter(text, value, option, constants, 'schema') : null;
      if (schemaTest) schemaTests.push(schemaTest);
      if (test) {
        tests.push(test);
        notes.push({ severity: 'info', kind: 'config', message: TEXT.applied(option, value), location });
      } else {
        unreadable ??= { reason: TEXT.reason(option) };
        notes.push({ severity: 'info', kind: 'config', message: TEXT.unreadable(option, value), location });
      }
    }
  }
  if (tests.length === 0 && unreadable === null && unreadableColumns === null)
    return includeSchemas ? { ...NO_FILTERS, includeSchemas, ...bySchemas } : NO_FILTERS;
  return {
    excludes: (table, inModels) => tests.some((test) => test(table, inModels)),
    includeSchemas,
    ...(bySchemas.unreadableSchemas ? { unreadableSchemas: bySchemas.unreadableSchemas } : {}),
    excludesSchema: (schema) => schemaTests.some((test) => test(schema, false)),
    ...(columns.objects.length + columns.names.length > 0 ? { columns } : {}),
    unreadable,
    unreadableColumns,
    notes,
  };
}

/** The models and the head without the tables the filters leave out and what Alembic does not compare (alembicScope.ts): what `flask db migrate` compares. */
export function comparedSchemas(models: ModelSchema, head: Schema, filters: EnvFilters): { models: ModelSchema; head: Schema } {
  const filtered = filteredSchemas(models, head, filters);
  return alembicComparable(filtered.models, filtered.head);
}

function filteredSchemas(models: ModelSchema, head: Schema, filters: EnvFilters): { models: ModelSchema; head: Schema } {
  const headKeys = Object.keys(head.tables);
  if (filters === NO_FILTERS && !headKeys.some((key) => key.includes('.'))) return { models, head };
  const declared = models.schema.tables;
  // Alembic compares the models' tables of every schema, but reflects only the default schema unless
  // include_schemas=True (then every schema include_name keeps): a table the history made in another
  // schema is otherwise not seen, so it is never dropped (and its model shows as added).
  const reflected = (key: string) => {
    const schema = schemaOfKey(key);
    return schema === null || (filters.includeSchemas && !filters.excludesSchema(schema));
  };
  const keptModels = Object.fromEntries(Object.entries(declared).filter(([table]) => !filters.excludes(bareTableName(table), true)));
  const keptHead = Object.fromEntries(
    Object.entries(head.tables).filter(([table]) => reflected(table) && !filters.excludes(bareTableName(table), table in declared)),
  );
  const tables =
    Object.keys(keptModels).length === Object.keys(declared).length && Object.keys(keptHead).length === Object.keys(head.tables).length
      ? { models, head }
      : { models: { ...models, schema: { ...models.schema, tables: keptModels } }, head: { ...head, tables: keptHead } };
  return filters.columns ? withoutFilteredColumns(tables.models, tables.head, filters.columns) : tables;
}

/** An unreadable filter may leave out any table only the history has: those are uncertain, never dropped with a DS warning. */
export function filterUncertainty(
  uncertain: ReadonlyMap<string, Uncertainty>,
  models: Schema,
  head: Schema,
  filters: EnvFilters,
): ReadonlyMap<string, Uncertainty> {
  const unreadable = filters.unreadable;
  const schemas = filters.unreadableSchemas;
  if (unreadable === null && !schemas) return uncertain;
  const out = new Map(uncertain);
  // No step location: the reason names env.py's filter (or include_schemas=), whose note carries the line.
  for (const table of Object.keys(head.tables)) {
    if (table in models.tables || out.has(table)) continue;
    if (unreadable) out.set(table, { reason: unreadable.reason });
    else if (schemas && schemaOfKey(table) !== null) out.set(table, { reason: schemas.reason });
  }
  return out;
}
