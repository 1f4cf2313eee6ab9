// Half-typed code never reads as a drop. When a chunk of a model module does not parse, the classes
// (and module-level values) it holds are taken from the last reading of that file that had them,
// moved to their current lines, and one note at the syntax error says their findings are paused.
// A class with no earlier reading is read as far as it parses and marked partial: its table's
// findings are paused (core/models/unreadable.ts); a class nothing can be read of pauses table drops.
import * as l10n from '@vscode/l10n';
import type { Note } from '../source';
import type { BrokenRegion, ClassFact, ModuleFacts } from './moduleFacts';
import { mapLines } from './statementFacts';

export const PAUSED_NOTE_KIND = 'findings-paused';

const MESSAGES = {
  pausedOne: (name: string) => l10n.t('syntax error: findings for class {0} are paused until it parses; its last version that parsed stands in', name),
  pausedMany: (names: string) => l10n.t('syntax error: findings for classes {0} are paused until this parses; their last versions that parsed stand in', names),
  pausedNew: (name: string) => l10n.t('syntax error: findings for class {0} are paused until it parses', name),
  pausedNewMany: (names: string) => l10n.t('syntax error: findings for classes {0} are paused until this parses', names),
};

export interface PreviousReading {
  facts: ModuleFacts;
  text: string;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Where a line of `before` is in `after`, for a text that changed in one place (or several: the
 * span from the first to the last difference counts as one). Lines in that span stay where they were.
 */
export function lineMapBetween(before: string, after: string): (line: number) => number {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const startRow = countNewlines(before, 0, prefix);
  const oldEndRow = startRow + countNewlines(before, prefix, before.length - suffix);
  const newEndRow = startRow + countNewlines(after, prefix, after.length - suffix);
  const delta = newEndRow - oldEndRow;
  return (line) => (line <= startRow ? line : line >= oldEndRow ? line + delta : Math.min(line, newEndRow));
}

function pausedNote(path: string, region: BrokenRegion, standIns: string[], fresh: string[]): Note | null {
  const names = [...standIns, ...fresh];
  if (names.length === 0) return null;
  const list = names.join(', ');
  const message =
    fresh.length === 0
      ? names.length === 1
        ? MESSAGES.pausedOne(list)
        : MESSAGES.pausedMany(list)
      : names.length === 1
        ? MESSAGES.pausedNew(list)
        : MESSAGES.pausedNewMany(list);
  return { severity: 'warning', kind: PAUSED_NOTE_KIND, message, location: { file: path, range: region.errorRange } };
}

/** The facts to use for a module read with broken chunks: stand-ins from `previous` where it has them. */
export function withStandIns(current: ModuleFacts, previous: PreviousReading | null, text: string): ModuleFacts {
  if (current.broken.length === 0) return current;
  const mapLine = previous ? lineMapBetween(previous.text, text) : (line: number) => line;
  const classes = [...current.classes];
  const assignments = new Map(current.assignments);
  const notes = [...current.notes];
  const known = new Set(classes.map((c) => c.name));
  const before = new Map<string, ClassFact>();
  for (const cls of previous?.facts.classes ?? []) if (!before.has(cls.name)) before.set(cls.name, cls);
  const unreadable: string[] = [];
  for (const region of current.broken) {
    const standIns: string[] = [];
    const fresh: string[] = [];
    for (const name of region.declaredClasses) {
      if (known.has(name)) continue;
      known.add(name);
      const last = before.get(name);
      const partial = region.partialClasses.find((c) => c.name === name);
      if (last && !last.partial) {
        classes.push(mapLines(last, mapLine));
        standIns.push(name);
      } else if (partial || last) {
        classes.push(partial ? { ...partial, partial: true } : mapLines(last as ClassFact, mapLine));
        fresh.push(name);
      } else {
        unreadable.push(name);
        fresh.push(name);
      }
    }
    for (const name of region.assignedNames) {
      if (assignments.has(name)) continue;
      const last = previous?.facts.assignments.get(name);
      const partial = region.partialAssignments.get(name);
      if (last) assignments.set(name, mapLines(last, mapLine));
      else if (partial) assignments.set(name, partial);
    }
    const note = pausedNote(current.path, region, standIns, fresh);
    if (note) notes.push(note);
  }
  // Imports inside a broken chunk may be lost: keep the bindings the last reading had.
  const imports = { aliases: new Map(current.imports.aliases), starModules: [...current.imports.starModules], flaskDb: new Set(current.imports.flaskDb) };
  if (previous) {
    for (const [name, target] of previous.facts.imports.aliases) if (!imports.aliases.has(name)) imports.aliases.set(name, target);
    for (const module of previous.facts.imports.starModules) if (!imports.starModules.includes(module)) imports.starModules.push(module);
    for (const name of previous.facts.imports.flaskDb) imports.flaskDb.add(name);
  }
  return { ...current, classes, assignments, imports, notes, ...(unreadable.length > 0 ? { unreadableClasses: unreadable } : {}) };
}
