// Renames: applying the ones the user chose (so the rest of the diff sees the renamed schema), and
// spotting candidates (BC101 / BC102) among drops and adds. A candidate is never applied by itself.
import type { RenameChoice } from '../findings';
import type { MigrationOp } from '../schema/ops';
import { cloneSchema, type Schema, type TableSchema } from '../schema/types';
import { quoteIdent, sequenceOfDefault } from '../render/sqlNames';
import { sameColumnShape } from './compare';
import type { Change } from './types';

export interface AppliedRenames {
  /** `from` with the chosen renames done, as PostgreSQL would leave it (`from` itself when there are none: read it, never change it). */
  schema: Schema;
  changes: Change[];
  /** Choices that did not fit the schemas (unknown table/column, target taken), in plain words. */
  problems: string[];
}

const renamedList = (columns: string[], from: string, to: string) => columns.map((c) => (c === from ? to : c));

/** Renames the table in `schema` (and the foreign keys pointing at it); returns the sequence renames that go with it. */
function renameTableIn(schema: Schema, from: string, to: string): { up: MigrationOp[]; down: MigrationOp[] } {
  const table = schema.tables[from] as TableSchema;
  const up: MigrationOp[] = [];
  const down: MigrationOp[] = [];
  // A serial column's sequence keeps the old table's name; rename it so the schema matches create_all.
  for (const [name, column] of Object.entries(table.columns)) {
    const sequence = sequenceOfDefault(column.default);
    if (sequence !== `${from}_${name}_seq`) continue;
    const renamed = `${to}_${name}_seq`;
    up.push({ kind: 'executeSql', sql: `ALTER SEQUENCE ${quoteIdent(sequence)} RENAME TO ${quoteIdent(renamed)}` });
    down.push({ kind: 'executeSql', sql: `ALTER SEQUENCE ${quoteIdent(renamed)} RENAME TO ${quoteIdent(sequence)}` });
    column.default = `nextval('${renamed}'::regclass)`;
  }
  delete schema.tables[from];
  schema.tables[to] = table;
  for (const other of Object.values(schema.tables)) {
    for (const fk of other.foreignKeys) if (fk.refTable === from) fk.refTable = to;
  }
  return { up, down };
}

function renameColumnIn(schema: Schema, tableName: string, from: string, to: string): void {
  const table = schema.tables[tableName] as TableSchema;
  table.columns = Object.fromEntries(Object.entries(table.columns).map(([name, c]) => [name === from ? to : name, c]));
  if (table.primaryKey) table.primaryKey.columns = renamedList(table.primaryKey.columns, from, to);
  for (const key of table.uniques) key.columns = renamedList(key.columns, from, to);
  for (const index of table.indexes) index.columns = renamedList(index.columns, from, to);
  for (const fk of table.foreignKeys) fk.columns = renamedList(fk.columns, from, to);
  for (const other of Object.values(schema.tables)) {
    for (const fk of other.foreignKeys) if (fk.refTable === tableName) fk.refColumns = renamedList(fk.refColumns, from, to);
  }
}

export function applyRenames(from: Schema, to: Schema, renames: RenameChoice[]): AppliedRenames {
  // The common case (every keystroke): nothing to rename, so no copy of the whole head schema.
  if (renames.length === 0) return { schema: from, changes: [], problems: [] };
  const schema = cloneSchema(from);
  const changes: Change[] = [];
  const problems: string[] = [];
  for (const choice of renames.filter((r) => r.kind === 'table')) {
    if (!schema.tables[choice.from]) problems.push(`cannot rename table "${choice.from}": the migration head has no such table`);
    else if (schema.tables[choice.to]) problems.push(`cannot rename table "${choice.from}" to "${choice.to}": "${choice.to}" already exists`);
    else if (!to.tables[choice.to]) problems.push(`cannot rename table "${choice.from}" to "${choice.to}": the models have no table "${choice.to}"`);
    else {
      const sequences = renameTableIn(schema, choice.from, choice.to);
      changes.push({
        kind: 'renameTable', table: choice.to, renamedFrom: choice.from, onExistingTable: true, tableDef: schema.tables[choice.to],
        upgrade: [{ kind: 'renameTable', from: choice.from, to: choice.to }, ...sequences.up],
        downgrade: [...sequences.down, { kind: 'renameTable', from: choice.to, to: choice.from }],
      });
    }
  }
  for (const choice of renames) {
    if (choice.kind !== 'column') continue;
    const table = schema.tables[choice.table];
    const column = table?.columns[choice.from];
    if (!table || !column) problems.push(`cannot rename column "${choice.table}.${choice.from}": the migration head has no such column`);
    else if (table.columns[choice.to]) problems.push(`cannot rename column "${choice.table}.${choice.from}" to "${choice.to}": the column already exists`);
    else if (!to.tables[choice.table]?.columns[choice.to]) problems.push(`cannot rename column "${choice.table}.${choice.from}" to "${choice.to}": the models have no such column`);
    else {
      renameColumnIn(schema, choice.table, choice.from, choice.to);
      changes.push({
        kind: 'renameColumn', table: choice.table, column: choice.to, renamedFrom: choice.from, onExistingTable: true,
        columnBefore: { ...column }, columnAfter: { ...column },
        upgrade: [{ kind: 'alterColumn', table: choice.table, column: choice.from, newName: choice.to, existing: { ...column } }],
        downgrade: [{ kind: 'alterColumn', table: choice.table, column: choice.to, newName: choice.from, existing: { ...column } }],
      });
    }
  }
  return { schema, changes, problems };
}

export interface RenameCandidate {
  choice: RenameChoice;
  /** The drop and the add (or dropTable and createTable) it would replace. */
  dropped: Change;
  added: Change;
}

/** Pairs each dropped column with the one added column of the same table, type and nullability (and vice versa). */
function columnCandidates(changes: Change[]): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const drops = changes.filter((c) => c.kind === 'dropColumn');
  const adds = changes.filter((c) => c.kind === 'addColumn');
  for (const dropped of drops) {
    const matches = adds.filter((a) => a.table === dropped.table && a.columnAfter && dropped.columnBefore && sameColumnShape(a.columnAfter, dropped.columnBefore));
    if (matches.length !== 1) continue;
    const added = matches[0] as Change;
    const rivals = drops.filter((d) => d.table === added.table && d.columnBefore && added.columnAfter && sameColumnShape(d.columnBefore, added.columnAfter));
    if (rivals.length !== 1) continue;
    out.push({ choice: { kind: 'column', table: dropped.table as string, from: dropped.column as string, to: added.column as string }, dropped, added });
  }
  return out;
}

const columnShape = (table: TableSchema) =>
  Object.entries(table.columns).map(([name, c]) => `${name}:${c.type}:${c.nullable}`).sort().join('|');

/** A dropped table and a created table with the same columns (names, types, nullability). */
function tableCandidates(changes: Change[]): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const drops = changes.filter((c) => c.kind === 'dropTable' && c.tableDef);
  const creates = changes.filter((c) => c.kind === 'createTable' && c.tableDef);
  for (const dropped of drops) {
    const shape = columnShape(dropped.tableDef as TableSchema);
    const matches = creates.filter((c) => columnShape(c.tableDef as TableSchema) === shape);
    if (matches.length !== 1) continue;
    const added = matches[0] as Change;
    if (drops.filter((d) => columnShape(d.tableDef as TableSchema) === shape).length !== 1) continue;
    out.push({ choice: { kind: 'table', from: dropped.table as string, to: added.table as string }, dropped, added });
  }
  return out;
}

export function detectRenameCandidates(changes: Change[]): RenameCandidate[] {
  return [...tableCandidates(changes), ...columnCandidates(changes)];
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
