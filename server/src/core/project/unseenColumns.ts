// Columns a model may have but this tool cannot see: set by a project helper (`Column =
// functools.partial(db.Column, ...)`), or added by a base class from outside the project. The
// migrations' column is taken as unchanged, so no drop is reported or written for it; a note says so.
import * as l10n from '@vscode/l10n';
import { ANY_COLUMN } from '../models/classTables';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';
import type { Note } from '../source';

const MESSAGES = {
  continuum: (tables: string[]) => {
    const names = tables.map((t) => `"${t}"`).join(', ');
    return tables.length === 1
      ? l10n.t(
          'SQLAlchemy-Continuum (__versioned__) creates {0} when the mappers are configured; it is taken as the migrations have it, never reported or written as dropped',
          names,
        )
      : l10n.t(
          'SQLAlchemy-Continuum (__versioned__) creates {0} when the mappers are configured; they are taken as the migrations have them, never reported or written as dropped',
          names,
        );
  },
  unseen: (table: string, columns: string[]) =>
    columns.length === 1
      ? l10n.t(
          'table "{0}": column {1} is in the migrations but the model sets it with code this tool cannot read (a helper call or a base class from outside the project); taken as unchanged, never reported as dropped',
          table,
          columns.join(', '),
        )
      : l10n.t(
          'table "{0}": columns {1} are in the migrations but the model sets them with code this tool cannot read (a helper call or a base class from outside the project); taken as unchanged, never reported as dropped',
          table,
          columns.join(', '),
        ),
};

export function withUnseenColumns(models: ModelSchema, head: Schema): { models: ModelSchema; notes: Note[] } {
  const notes: Note[] = [];
  let schema: Schema | null = null;
  for (const [name, source] of Object.entries(models.sources.tables)) {
    const unseen = source.unseenColumns;
    const headTable = head.tables[name];
    const modelTable = models.schema.tables[name];
    if (!unseen || unseen.length === 0 || !headTable || !modelTable) continue;
    const any = unseen.includes(ANY_COLUMN);
    const missing = Object.keys(headTable.columns).filter((c) => !modelTable.columns[c] && (any || unseen.includes(c)));
    if (missing.length === 0) continue;
    schema ??= { tables: { ...models.schema.tables }, enums: models.schema.enums };
    const table = structuredClone(modelTable);
    for (const column of missing) table.columns[column] = structuredClone(headTable.columns[column] as NonNullable<(typeof headTable.columns)[string]>);
    // The keys and indexes on those columns come with them.
    const covered = (columns: string[]) => columns.some((c) => missing.includes(c)) && columns.every((c) => table.columns[c] !== undefined);
    const names = new Set([...table.uniques, ...table.indexes, ...table.foreignKeys].map((x) => x.name));
    for (const unique of headTable.uniques) if (covered(unique.columns) && !names.has(unique.name)) table.uniques.push(structuredClone(unique));
    for (const index of headTable.indexes) if (covered(index.columns) && !names.has(index.name)) table.indexes.push(structuredClone(index));
    for (const fk of headTable.foreignKeys) if (covered(fk.columns) && !names.has(fk.name)) table.foreignKeys.push(structuredClone(fk));
    if (!table.primaryKey && headTable.primaryKey && covered(headTable.primaryKey.columns)) table.primaryKey = structuredClone(headTable.primaryKey);
    schema.tables[name] = table;
    notes.push({ severity: 'info', kind: 'unseen-columns', message: MESSAGES.unseen(name, missing), location: source.location });
  }
  return schema ? { models: { ...models, schema, notes: [...models.notes, ...notes] }, notes } : { models, notes };
}

/** Tables SQLAlchemy-Continuum makes for versioned models: `<table>_version`, and its transaction tables. */
const CONTINUUM_TABLES = new Set(['transaction', 'transaction_changes', 'transaction_meta']);

/**
 * With SQLAlchemy-Continuum in the project (`usesContinuum`: a model file says __versioned__ or
 * make_versioned), the head's version and transaction tables come from the plugin, not from a class.
 */
export function withPluginTables(models: ModelSchema, head: Schema, usesContinuum: boolean): ModelSchema {
  if (!usesContinuum) return models;
  const plugin = Object.keys(head.tables).filter(
    (t) => !models.schema.tables[t] && (CONTINUUM_TABLES.has(t) || (t.endsWith('_version') && models.schema.tables[t.slice(0, -'_version'.length)])),
  );
  if (plugin.length === 0) return models;
  const tables = { ...models.schema.tables };
  for (const t of plugin) tables[t] = structuredClone(head.tables[t] as NonNullable<(typeof head.tables)[string]>);
  const note: Note = { severity: 'info', kind: 'unseen-columns', message: MESSAGES.continuum(plugin) };
  return { ...models, schema: { tables, enums: models.schema.enums }, notes: [...models.notes, note] };
}
