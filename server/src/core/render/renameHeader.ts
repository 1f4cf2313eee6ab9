// The comment lines at the top of a revision about renames: the ones assumed (and how to opt out),
// and the drop + add groups that stayed drop + add because several readings fit.
import type { AmbiguousRename } from '../diff/renameGuess';
import type { RenameChoice } from '../findings';
import { commentText } from './mako';
import { shellArg } from './shellArg';

export { shellArg } from './shellArg';

/** A Python comment stays one line whatever a name holds (a newline in a name would start code). */
const commentSafe = commentText;

const what = (c: RenameChoice) => (c.kind === 'column' ? `column ${c.table}.${c.from} -> ${c.to}` : `table ${c.from} -> ${c.to}`);
const choiceText = (c: RenameChoice) => (c.kind === 'column' ? `${c.table}.${c.from}=${c.to}` : `${c.from}=${c.to}`);
/** The option that declines an assumed rename, ready to paste. */
export const optOut = (c: RenameChoice) => `--no-rename ${shellArg(choiceText(c))}`;
/** The option that chooses a rename, ready to paste. */
export const optIn = (c: RenameChoice) => `${c.kind === 'column' ? '--rename' : '--rename-table'} ${shellArg(choiceText(c))}`;
const reading = (r: RenameChoice[]) => r.map((c) => `${c.from} -> ${c.to}`).join(' with ');

export function renameHeader(assumed: RenameChoice[], ambiguous: AmbiguousRename[]): string[] {
  const lines: string[] = [];
  if (assumed.length > 0) {
    lines.push('# Migration Guard: ASSUMED RENAMES. A dropped and an added column (or table) of the same type family, with no other');
    lines.push('# candidate either way, is written as a rename, which keeps the data. If one is not a rename, write the revision');
    lines.push('# again with the --no-rename option shown (or uncheck it in Create Migration):');
    for (const c of assumed) lines.push(commentSafe(`#   - ${what(c)}   (${optOut(c)})`));
  }
  for (const group of ambiguous) {
    const where = group.kind === 'column' ? `in table ${group.table}, ` : '';
    lines.push(
      commentSafe(
        `# Migration Guard: AMBIGUOUS RENAME, written as drop + add (the dropped data is LOST): ${where}dropped ${group.dropped.join(', ')}; added ${group.added.join(', ')}.`,
      ),
    );
    lines.push(commentSafe(`#   Possible renames: ${group.readings.map(reading).join('; ')}. Choose one with --rename and write the revision again.`));
  }
  return lines;
}
