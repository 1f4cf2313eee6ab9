// The words shared by BC101 and BC102 for a group of drops and adds with several readings.
import type { AmbiguousRename } from '../diff/renameGuess';
import type { FindingFix, RenameChoice } from '../findings';

const step = (c: RenameChoice) => `\`${c.from}\` → \`${c.to}\``;
const reading = (r: RenameChoice[]) => (r.length === 1 ? step(r[0] as RenameChoice) : r.map(step).join(' with '));
const flagFor = (c: RenameChoice) => (c.kind === 'column' ? `--rename ${c.table}.${c.from}=${c.to}` : `--rename-table ${c.from}=${c.to}`);
const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

export function ambiguityMessage(group: AmbiguousRename): string {
  const where = group.kind === 'column' ? `columns of \`${group.table}\`` : 'tables';
  const flags = group.readings.flatMap((r) => (r.length === 1 ? [flagFor(r[0] as RenameChoice)] : [])).slice(0, 2);
  return `Ambiguous rename: ${where} dropped (${list(group.dropped)}) and added (${list(group.added)}) fit several readings: ${group.readings.map(reading).join('; ')}. ` +
    `Nothing is assumed, so the migration drops and adds them and the dropped values are lost. Choose the rename${flags.length > 0 ? `, e.g. \`${flags.join(' ')}\`` : ''}.`;
}

export function renameFixes(group: AmbiguousRename): FindingFix[] {
  return group.readings.flatMap((r) => (r.length === 1 ? [{ kind: 'rename' as const, title: `Treat as a rename: ${step(r[0] as RenameChoice).replace(/`/g, '')} (keeps the data)`, rename: r[0] as RenameChoice }] : []));
}
