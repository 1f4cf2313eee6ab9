// The words shared by BC101 and BC102 for a group of drops and adds with several readings.
import * as l10n from '@vscode/l10n';
import type { AmbiguousRename } from '../diff/renameGuess';
import type { FindingFix, RenameChoice } from '../findings';

const step = (c: RenameChoice) => `\`${c.from}\` → \`${c.to}\``;
const reading = (r: RenameChoice[]) => (r.length === 1 ? step(r[0] as RenameChoice) : r.map(step).reduce((all, next) => l10n.t('{0} with {1}', all, next)));
const flagFor = (c: RenameChoice) => (c.kind === 'column' ? `--rename ${c.table}.${c.from}=${c.to}` : `--rename-table ${c.from}=${c.to}`);
const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

export function ambiguityMessage(group: AmbiguousRename): string {
  const flags = group.readings.flatMap((r) => (r.length === 1 ? [flagFor(r[0] as RenameChoice)] : [])).slice(0, 2);
  const readings = group.readings.map(reading).join('; ');
  const ambiguous =
    group.kind === 'column'
      ? l10n.t(
          'Ambiguous rename: columns of `{0}` dropped ({1}) and added ({2}) fit several readings: {3}.',
          group.table ?? '?',
          list(group.dropped),
          list(group.added),
          readings,
        )
      : l10n.t('Ambiguous rename: tables dropped ({0}) and added ({1}) fit several readings: {2}.', list(group.dropped), list(group.added), readings);
  const lost = l10n.t('Nothing is assumed, so the migration drops and adds them and the dropped values are lost.');
  const choose = flags.length > 0 ? l10n.t('Choose the rename, e.g. `{0}`.', flags.join(' ')) : l10n.t('Choose the rename.');
  return `${ambiguous} ${lost} ${choose}`;
}

export function renameFixes(group: AmbiguousRename): FindingFix[] {
  return group.readings.flatMap((r) =>
    r.length === 1
      ? [
          {
            kind: 'rename' as const,
            title: l10n.t('Treat as a rename: {0} (keeps the data)', step(r[0] as RenameChoice).replace(/`/g, '')),
            rename: r[0] as RenameChoice,
          },
        ]
      : [],
  );
}
