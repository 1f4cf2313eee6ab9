// A model whose __tablename__ cannot be read statically (nyaa's `cls._table_prefix(cls.__tablename_base__)`,
// built by classmethods) is skipped, but it still maps a table: any head table the models lack and that
// has most of the columns the model declares may be its. Findings there are info with the reason, never
// data-loss warnings, `revision` does not write their drop, and a note sits at the class.
import * as l10n from '@vscode/l10n';
import type { Uncertainty } from '../history/guardedReplay';
import type { ModelSchema, UnnamedModel } from '../models/types';
import type { Schema } from '../schema/types';
import type { Note } from '../source';

const MESSAGES = {
  tableReason: (model: string, where: string) =>
    l10n.t("model {0}'s __tablename__ ({1}) cannot be read statically, and this table has most of the columns it declares: it may be its table", model, where),
  note: (model: string, tables: string) =>
    l10n.t(
      "the table of model {0} cannot be named statically; the migration head's {1} may be it: findings there are info, never data-loss warnings, and revision does not drop them",
      model,
      tables,
    ),
};

export interface UnnamedModelEffects {
  /** `uncertain` with the tables an unnamed model may map added (first reason kept). */
  uncertain: ReadonlyMap<string, Uncertainty>;
  /** The tables added here, with the reason: not dropped by revision. */
  mayBeModels: Map<string, string>;
  notes: Note[];
}

/** A table holding at least half the columns the model declares (all of them when it declares none it can read). */
function mayMap(model: UnnamedModel, columns: Record<string, unknown>): boolean {
  const held = model.columns.filter((c) => c in columns).length;
  return held * 2 >= model.columns.length;
}

/** `where`: a file's path as the messages show it (relative to the project root). */
export function unnamedModelEffects(
  models: ModelSchema,
  head: Schema,
  uncertain: ReadonlyMap<string, Uncertainty>,
  where: (file: string) => string,
): UnnamedModelEffects {
  const unnamed = models.unnamedModels ?? [];
  const mayBeModels = new Map<string, string>();
  if (unnamed.length === 0) return { uncertain, mayBeModels, notes: [] };
  const out = new Map(uncertain);
  const notes: Note[] = [];
  // Each table's reason names the model holding most of its columns (a model declaring none fits every table).
  const best = new Map<string, { model: UnnamedModel; held: number }>();
  const affected = new Map<UnnamedModel, string[]>();
  for (const model of unnamed) {
    for (const [name, table] of Object.entries(head.tables)) {
      if (name in models.schema.tables || !mayMap(model, table.columns)) continue;
      affected.set(model, [...(affected.get(model) ?? []), `"${name}"`]);
      const held = model.columns.filter((c) => c in table.columns).length;
      if ((best.get(name)?.held ?? -1) < held) best.set(name, { model, held });
    }
  }
  for (const [name, { model }] of best) {
    const reason = MESSAGES.tableReason(model.className, `${where(model.tablename.file)}:${model.tablename.range.start.line + 1}`);
    mayBeModels.set(name, reason);
    if (!out.has(name)) out.set(name, { reason });
  }
  for (const [model, tables] of affected)
    notes.push({ severity: 'info', kind: 'unnamed-model', message: MESSAGES.note(model.className, tables.join(', ')), location: model.location });
  return { uncertain: out, mayBeModels, notes };
}
