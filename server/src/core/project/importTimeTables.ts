// What a module-level call handed model classes may build when the models are imported
// (models/importTimeCalls.ts) is uncertain: a table only the migration head has whose name contains
// one of the handed tables' names, or that has a foreign key to one of them, may be that call's
// (`add_primary_relationship(Project, ..., Venue, ...)` builds `project_venue_primary`); and a
// column the head has on a handed table but its model does not may have been added by it. Findings
// on them are info with the reason, never data-loss warnings, and a note sits at the call's line.
import * as l10n from '@vscode/l10n';
import type { Uncertainty } from '../history/guardedReplay';
import type { ImportTimeCall } from '../models/importTimeCalls';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';
import type { Note } from '../source';

const MESSAGES = {
  why: (call: ImportTimeCall) => {
    if (call.why === 'external') return l10n.t('it comes from outside the project, so this tool cannot follow it');
    if (call.why === 'unfound') return l10n.t("it is not a function this tool found in the project's files");
    const builds = call.builds ?? { what: call.callee };
    return builds.inFunction
      ? l10n.t('it builds tables or columns itself: {0} in {1}', builds.what, builds.inFunction)
      : l10n.t('it builds tables or columns itself: {0}', builds.what);
  },
  tableReason: (callee: string, where: string, tables: string, why: string) =>
    l10n.t('`{0}(...)` ({1}) is handed the models of {2} when they are imported and may create this table ({3})', callee, where, tables, why),
  columnReason: (callee: string, where: string, tables: string, why: string) =>
    l10n.t('`{0}(...)` ({1}) is handed the models of {2} when they are imported and may add this column ({3})', callee, where, tables, why),
  note: (callee: string, tables: string, why: string, affected: string) =>
    l10n.t(
      '`{0}(...)` is handed the models of {1} when they are imported, and {2}: what it may create or add ({3}) is uncertain; findings there are info, never data-loss warnings',
      callee,
      tables,
      why,
      affected,
    ),
};

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** Whether `name`'s `_`-separated words contain `part`'s words in a row (`project_venue_primary` ⊇ `venue`). */
function namedAfter(name: string, part: string): boolean {
  const words = name.split('_');
  const sought = part.split('_');
  for (let i = 0; i + sought.length <= words.length; i++) if (sought.every((w, j) => words[i + j] === w)) return true;
  return false;
}

export interface ImportTimeEffects {
  /** `uncertain` with the tables those calls may build added (first reason kept). */
  uncertain: ReadonlyMap<string, Uncertainty>;
  /** Head columns a handed table's model lacks, by table, with the reason. */
  columns: Map<string, { columns: Set<string>; reason: string }>;
  notes: Note[];
}

/** `where`: a file's path as the messages show it (relative to the project root). */
export function importTimeEffects(
  models: ModelSchema,
  head: Schema,
  uncertain: ReadonlyMap<string, Uncertainty>,
  where: (file: string) => string,
): ImportTimeEffects {
  const calls = models.importTimeCalls ?? [];
  if (calls.length === 0) return { uncertain, columns: new Map(), notes: [] };
  const out = new Map(uncertain);
  const columns: ImportTimeEffects['columns'] = new Map();
  const notes: Note[] = [];
  for (const call of calls) {
    const at = `${where(call.location.file)}:${call.location.range.start.line + 1}`;
    const tables = quoted(call.tables);
    const why = MESSAGES.why(call);
    const affected: string[] = [];
    for (const [name, table] of Object.entries(head.tables)) {
      if (name in models.schema.tables) continue;
      const built = call.tables.some((t) => namedAfter(name, t)) || table.foreignKeys.some((fk) => call.tables.includes(fk.refTable));
      // A table already uncertain (from the history, an earlier call) keeps that reason.
      if (!built || out.has(name)) continue;
      affected.push(`"${name}"`);
      out.set(name, { reason: MESSAGES.tableReason(call.callee, at, tables, why) });
    }
    for (const name of call.tables) {
      const model = models.schema.tables[name];
      const headTable = head.tables[name];
      if (!model || !headTable) continue;
      const added = Object.keys(headTable.columns).filter((c) => !(c in model.columns));
      if (added.length === 0) continue;
      affected.push(...added.map((c) => `"${name}.${c}"`));
      const entry = columns.get(name) ?? { columns: new Set<string>(), reason: MESSAGES.columnReason(call.callee, at, tables, why) };
      for (const c of added) entry.columns.add(c);
      columns.set(name, entry);
    }
    if (affected.length > 0)
      notes.push({
        severity: 'info',
        kind: 'import-time-tables',
        message: MESSAGES.note(call.callee, tables, why, affected.join(', ')),
        location: call.location,
      });
  }
  return { uncertain: out, columns, notes };
}
