// Renames: applying the chosen or assumed ones (so the rest of the diff sees the renamed schema), in an
// order that works for chains (`name` → `slug` before `pretty_name` → `name`) and swaps (through a
// temporary name). Which pairs are renames is renameGuess.ts's business.
import type { RenameChoice } from '../findings';
import type { MigrationOp } from '../schema/ops';
import type { ColumnSchema, Schema, TableSchema } from '../schema/types';
import { nextvalDefault, quoteIdent, sequenceOfDefault } from '../render/sqlNames';
import type { Change } from './types';
import * as l10n from '@vscode/l10n';

/** The words for choices that do not fit the schemas (shown by Create Migration and `revision`). */
const PROBLEM = {
  noTable: (from: string) => l10n.t('cannot rename table "{0}": the migration head has no such table', from),
  noModelTable: (from: string, to: string) => l10n.t('cannot rename table "{0}" to "{1}": the models have no table "{1}"', from, to),
  table: (from: string, to: string, why: string) => l10n.t('cannot rename table "{0}" to "{1}": {2}', from, to, why),
  noColumn: (table: string, from: string) => l10n.t('cannot rename column "{0}.{1}": the migration head has no such column', table, from),
  noModelColumn: (table: string, from: string, to: string) =>
    l10n.t('cannot rename column "{0}.{1}" to "{2}": the models have no such column', table, from, to),
  column: (table: string, from: string, to: string, why: string) => l10n.t('cannot rename column "{0}.{1}" to "{2}": {3}', table, from, to, why),
  get twice() {
    return l10n.t('it is renamed twice');
  },
  sameTarget: (to: string) => l10n.t('two renames lead to "{0}"', to),
  exists: (to: string) => l10n.t('"{0}" already exists', to),
};

export interface AppliedRenames {
  /** `from` with the chosen renames done, as PostgreSQL would leave it (`from` itself when there are none: read it, never change it). */
  schema: Schema;
  changes: Change[];
  /** Choices that did not fit the schemas (unknown table/column, target taken), in plain words. */
  problems: string[];
}

const renamedList = (columns: string[], from: string, to: string) => columns.map((c) => (c === from ? to : c));

/**
 * The renamed schema is `from` copied on write: a table is cloned only when a rename changes it, so
 * every other table stays the head's own object (what the per-table diff memo, diff/memo.ts, keys on).
 */
const copies = new WeakSet<TableSchema>();
function own(schema: Schema, name: string): TableSchema {
  const table = schema.tables[name] as TableSchema;
  if (copies.has(table)) return table;
  const copy = structuredClone(table);
  copies.add(copy);
  schema.tables[name] = copy;
  return copy;
}

/** Renames the table in `schema` (and the foreign keys pointing at it); returns the sequence renames that go with it. */
function renameTableIn(schema: Schema, from: string, to: string): { up: MigrationOp[]; down: MigrationOp[] } {
  const table = own(schema, from);
  const up: MigrationOp[] = [];
  const down: MigrationOp[] = [];
  // A serial column's sequence keeps the old table's name; rename it so the schema matches create_all.
  for (const [name, column] of Object.entries(table.columns)) {
    const sequence = sequenceOfDefault(column.default);
    // Another schema's sequence is printed qualified: its rename is left to the table's own (rare) case.
    if (sequence !== `${from}_${name}_seq` || from.includes('.')) continue;
    const renamed = `${to}_${name}_seq`;
    up.push({ kind: 'executeSql', sql: `ALTER SEQUENCE ${quoteIdent(sequence)} RENAME TO ${quoteIdent(renamed)}`, postgresqlOnly: true });
    down.push({ kind: 'executeSql', sql: `ALTER SEQUENCE ${quoteIdent(renamed)} RENAME TO ${quoteIdent(sequence)}`, postgresqlOnly: true });
    column.default = nextvalDefault(renamed);
  }
  delete schema.tables[from];
  schema.tables[to] = table;
  for (const [name, other] of Object.entries(schema.tables)) {
    if (other.foreignKeys.some((fk) => fk.refTable === from)) for (const fk of own(schema, name).foreignKeys) if (fk.refTable === from) fk.refTable = to;
  }
  return { up, down };
}

function renameColumnIn(schema: Schema, tableName: string, from: string, to: string): void {
  const table = own(schema, tableName);
  table.columns = Object.fromEntries(Object.entries(table.columns).map(([name, c]) => [name === from ? to : name, c]));
  if (table.primaryKey) table.primaryKey.columns = renamedList(table.primaryKey.columns, from, to);
  for (const key of table.uniques) key.columns = renamedList(key.columns, from, to);
  for (const index of table.indexes) index.columns = renamedList(index.columns, from, to);
  for (const fk of table.foreignKeys) fk.columns = renamedList(fk.columns, from, to);
  for (const [name, other] of Object.entries(schema.tables)) {
    if (other.foreignKeys.some((fk) => fk.refTable === tableName))
      for (const fk of own(schema, name).foreignKeys) if (fk.refTable === tableName) fk.refColumns = renamedList(fk.refColumns, from, to);
  }
}

interface Step {
  from: string;
  to: string;
}

/**
 * The order to run renames in one namespace (table names, or one table's columns) so each target is
 * free when its turn comes: a chain runs from its free end, a cycle goes through a temporary name.
 * `problems` gets the choices that cannot work.
 */
function orderSteps(wanted: Step[], exists: (name: string) => boolean, describe: (s: Step, why: string) => string, problems: string[]): Step[] {
  const names = new Set<string>();
  const pending: Step[] = [];
  for (const step of wanted) {
    if (pending.some((p) => p.from === step.from)) problems.push(describe(step, PROBLEM.twice));
    else if (pending.some((p) => p.to === step.to)) problems.push(describe(step, PROBLEM.sameTarget(step.to)));
    else pending.push({ ...step });
  }
  const sources = new Set(pending.map((p) => p.from));
  const valid = pending.filter((p) => {
    if (exists(p.to) && !sources.has(p.to)) {
      problems.push(describe(p, PROBLEM.exists(p.to)));
      return false;
    }
    return true;
  });
  const moved = new Set<string>();
  const present = (name: string) => names.has(name) || (exists(name) && !moved.has(name));
  const steps: Step[] = [];
  const queue = [...valid];
  while (queue.length > 0) {
    const free = queue.findIndex((p) => !present(p.to));
    if (free >= 0) {
      const [step] = queue.splice(free, 1) as [Step];
      steps.push(step);
      moved.add(step.from);
      names.delete(step.from);
      names.add(step.to);
      continue;
    }
    // Every target is still taken by another pending source: a cycle (a swap). Park one source.
    const first = queue[0] as Step;
    let parked = `${first.from}_mg_tmp`;
    while (present(parked)) parked += '_';
    steps.push({ from: first.from, to: parked });
    moved.add(first.from);
    names.add(parked);
    first.from = parked;
  }
  return steps;
}

export function applyRenames(from: Schema, to: Schema, renames: RenameChoice[]): AppliedRenames {
  // The common case (every keystroke): nothing to rename, so no copy of the whole head schema.
  if (renames.length === 0) return { schema: from, changes: [], problems: [] };
  const schema: Schema = { tables: { ...from.tables }, enums: { ...from.enums } };
  const changes: Change[] = [];
  const problems: string[] = [];
  const tableChoices = renames
    .filter((r) => r.kind === 'table')
    .filter((choice) => {
      if (!from.tables[choice.from]) problems.push(PROBLEM.noTable(choice.from));
      else if (!to.tables[choice.to]) problems.push(PROBLEM.noModelTable(choice.from, choice.to));
      else return true;
      return false;
    });
  const tableSteps = orderSteps(
    tableChoices,
    (name) => schema.tables[name] !== undefined,
    (s, why) => PROBLEM.table(s.from, s.to, why),
    problems,
  );
  for (const step of tableSteps) {
    const sequences = renameTableIn(schema, step.from, step.to);
    changes.push({
      kind: 'renameTable',
      table: step.to,
      renamedFrom: step.from,
      onExistingTable: true,
      tableDef: schema.tables[step.to] as TableSchema,
      upgrade: [{ kind: 'renameTable', from: step.from, to: step.to }, ...sequences.up],
      downgrade: [...sequences.down, { kind: 'renameTable', from: step.to, to: step.from }],
    });
  }
  const byTable = new Map<string, Step[]>();
  for (const choice of renames) {
    if (choice.kind !== 'column') continue;
    const table = schema.tables[choice.table];
    if (!table?.columns[choice.from]) problems.push(PROBLEM.noColumn(choice.table, choice.from));
    else if (!to.tables[choice.table]?.columns[choice.to]) problems.push(PROBLEM.noModelColumn(choice.table, choice.from, choice.to));
    else byTable.set(choice.table, [...(byTable.get(choice.table) ?? []), { from: choice.from, to: choice.to }]);
  }
  for (const [tableName, wanted] of byTable) {
    // Read through schema.tables each time: the first rename replaces the table with its copy.
    const table = () => schema.tables[tableName] as TableSchema;
    const steps = orderSteps(
      wanted,
      (name) => table().columns[name] !== undefined,
      (s, why) => PROBLEM.column(tableName, s.from, s.to, why),
      problems,
    );
    for (const step of steps) {
      const column = { ...(table().columns[step.from] as ColumnSchema) };
      renameColumnIn(schema, tableName, step.from, step.to);
      changes.push({
        kind: 'renameColumn',
        table: tableName,
        column: step.to,
        renamedFrom: step.from,
        onExistingTable: true,
        columnBefore: { ...column },
        columnAfter: { ...column },
        upgrade: [{ kind: 'alterColumn', table: tableName, column: step.from, newName: step.to, existing: { ...column } }],
        downgrade: [{ kind: 'alterColumn', table: tableName, column: step.to, newName: step.from, existing: { ...column } }],
      });
    }
  }
  return { schema, changes, problems };
}

/** Parses `user.name=full_name` (column) or, with table=true, `old=new`. Null when malformed. */
export function parseRenameChoice(text: string, table: boolean): RenameChoice | null {
  if (table) {
    const m = /^([^=.\s]+)=([^=.\s]+)$/.exec(text.trim());
    return m ? { kind: 'table', from: m[1] as string, to: m[2] as string } : null;
  }
  const m = /^([^=.\s]+)\.([^=.\s]+)=(?:([^=.\s]+)\.)?([^=.\s]+)$/.exec(text.trim());
  if (!m || (m[3] !== undefined && m[3] !== m[1])) return null;
  return { kind: 'column', table: m[1] as string, from: m[2] as string, to: m[4] as string };
}
