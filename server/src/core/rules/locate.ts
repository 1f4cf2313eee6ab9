// Where a finding points in the model source: the column's statement, the class of its table, or —
// for something the models no longer have — the nearest place that still exists.
import type { Range, SourceLocation } from '../source';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function tableLocation(models: ModelSchema, table: string): SourceLocation | undefined {
  return models.sources.tables[table]?.location;
}

export function columnLocation(models: ModelSchema, table: string, column: string): SourceLocation | undefined {
  return models.sources.tables[table]?.columns[column]?.location;
}

/** The first line of the first model file: the last resort when nothing related is left in the models. */
function anyModelPlace(models: ModelSchema): SourceLocation {
  const first = Object.values(models.sources.tables)
    .map((t) => t.location)
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line))[0];
  return first ? { file: first.file, range: START } : { file: '', range: START };
}

/**
 * For a table the models dropped: a table of the head that referenced it and is still modelled,
 * else the start of the first model file.
 */
export function droppedTableLocation(models: ModelSchema, head: Schema, table: string): SourceLocation {
  for (const [name, def] of Object.entries(head.tables)) {
    if (name === table) continue;
    const place = def.foreignKeys.some((fk) => fk.refTable === table) ? tableLocation(models, name) : undefined;
    if (place) return place;
  }
  return anyModelPlace(models);
}

/** A column if it is modelled, else its table's class, else the nearest place. */
export function placeFor(models: ModelSchema, head: Schema, table: string | undefined, column?: string): SourceLocation {
  if (table === undefined) return anyModelPlace(models);
  return (
    (column !== undefined ? columnLocation(models, table, column) : undefined) ?? tableLocation(models, table) ?? droppedTableLocation(models, head, table)
  );
}

/** For an enum change: where the enum is declared in the models, else a column using it. */
export function enumPlace(models: ModelSchema, head: Schema, name: string): SourceLocation {
  const declared = models.sources.enums[name];
  if (declared) return declared;
  for (const [table, def] of Object.entries(models.schema.tables)) {
    for (const [column, c] of Object.entries(def.columns)) {
      const place = c.type === name ? columnLocation(models, table, column) : undefined;
      if (place) return place;
    }
  }
  return anyModelPlace(models);
}
