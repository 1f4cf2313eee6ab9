// The state of the model column under a position: in head, pending add, or pending change
// (as the diff sees it), and the revision that created it.
import type { Change } from '../diff/types';
import type { ModelSchema } from '../models/types';
import type { ColumnSchema, Schema } from '../schema/types';
import type { Position, Range } from '../source';
import type { ColumnOrigins } from './columnOrigins';

export interface RevisionRef {
  revision: string;
  message: string | null;
  file: string | null;
}

export interface ColumnState {
  table: string;
  column: string;
  /** The column statement in the model file. */
  range: Range;
  status: 'in-head' | 'pending-add' | 'pending-change';
  model: ColumnSchema;
  head: ColumnSchema | null;
  tableInHead: boolean;
  /** For a pending rename: the name the head has. */
  renamedFrom?: string;
  createdIn?: RevisionRef;
  lastChangedIn?: RevisionRef;
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export interface ColumnStateInputs {
  modelSchema: ModelSchema;
  headSchema: Schema;
  changes: Change[];
  origins: () => ColumnOrigins;
  revision: (id: string) => RevisionRef | undefined;
}

export function columnStateAt(inputs: ColumnStateInputs, file: string, position: Position): ColumnState | null {
  const { modelSchema, headSchema, changes } = inputs;
  for (const [table, tableSource] of Object.entries(modelSchema.sources.tables)) {
    for (const [column, columnSource] of Object.entries(tableSource.columns)) {
      if (columnSource.location.file !== file || !contains(columnSource.location.range, position)) continue;
      const model = modelSchema.schema.tables[table]?.columns[column];
      if (!model) continue;
      const touching = changes.filter((c) => c.table === table && (c.column === column || c.kind === 'createTable' || c.kind === 'renameTable'));
      const renamed = touching.find((c) => c.kind === 'renameColumn');
      const renamedTable = touching.find((c) => c.kind === 'renameTable');
      const headTable = headSchema.tables[renamedTable?.renamedFrom ?? table];
      const headName = renamed?.renamedFrom ?? column;
      const head = headTable?.columns[headName] ?? null;
      let status: ColumnState['status'] = 'in-head';
      if (touching.some((c) => c.kind === 'createTable' || c.kind === 'addColumn')) status = 'pending-add';
      else if (touching.some((c) => c.kind === 'alterColumn' || c.kind === 'renameColumn')) status = 'pending-change';
      const origin = head
        ? inputs
            .origins()
            .get(renamedTable?.renamedFrom ?? table)
            ?.get(headName)
        : undefined;
      return {
        table,
        column,
        range: columnSource.location.range,
        status,
        model,
        head: status === 'pending-add' ? null : head,
        tableInHead: headTable !== undefined,
        renamedFrom: renamed?.renamedFrom,
        createdIn: origin ? inputs.revision(origin.createdIn) : undefined,
        lastChangedIn: origin?.lastChangedIn ? inputs.revision(origin.lastChangedIn) : undefined,
      };
    }
  }
  return null;
}
