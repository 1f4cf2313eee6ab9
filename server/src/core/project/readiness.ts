// Which history notes stop a comparison. Never blind: a step the replay could not apply is an error
// at its line, but the replay carried on past it (its tables are uncertain), so it blocks nothing.
import { existsSync } from 'node:fs';
import type { Note } from '../source';
import type { ProjectLocation } from './discover';

/** Notes of kinds that are errors at their line without making the whole history unusable. */
const NON_BLOCKING_KINDS = new Set(['replay-conflict']);

export function blockingHistoryNotes(notes: readonly Note[]): Note[] {
  return notes.filter((n) => n.severity === 'error' && !NON_BLOCKING_KINDS.has(n.kind));
}

const MESSAGES = {
  noHistory: (dirs: string[]) =>
    `the migration history cannot be found: ${dirs.length === 0 ? 'no versions folder is configured' : `${dirs.join(', ')} ${dirs.length === 1 ? 'does' : 'do'} not exist`} (check script_location / version_locations, or run \`flask db init\`)`,
};

/** Why the project has no history to compare with (no versions folder exists), or null. */
export function missingHistory(location: ProjectLocation): string | null {
  if (location.versionDirs.some((dir) => existsSync(dir))) return null;
  return MESSAGES.noHistory(location.versionDirs);
}
