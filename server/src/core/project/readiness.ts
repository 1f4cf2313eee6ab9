// Which history notes stop a comparison. Never blind: a step the replay could not apply is an error
// at its line, but the replay carried on past it (its tables are uncertain), so it blocks nothing.
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { unloadableRevisionNotes } from '../history/importable';
import type { History } from '../history/load';
import type { Note } from '../source';
import type { ProjectResult } from './analysis';
import type { ProjectLocation } from './discover';

/** Notes of kinds that are errors at their line without making the whole history unusable. */
const NON_BLOCKING_KINDS = new Set(['replay-conflict', 'pg-rejected']);

export function blockingHistoryNotes(notes: readonly Note[]): Note[] {
  return notes.filter((n) => n.severity === 'error' && !NON_BLOCKING_KINDS.has(n.kind));
}

const MESSAGES = {
  noHistory: (dirs: string[]) =>
    dirs.length === 0
      ? l10n.t('the migration history cannot be found: no versions folder is configured (check script_location / version_locations, or run `flask db init`)')
      : dirs.length === 1
        ? l10n.t(
            'the migration history cannot be found: {0} does not exist (check script_location / version_locations, or run `flask db init`)',
            dirs.join(', '),
          )
        : l10n.t(
            'the migration history cannot be found: {0} do not exist (check script_location / version_locations, or run `flask db init`)',
            dirs.join(', '),
          ),
};

/** Why the project has no history to compare with (no versions folder exists), or null. */
export function missingHistory(location: ProjectLocation): string | null {
  if (location.versionDirs.some((dir) => existsSync(dir))) return null;
  return MESSAGES.noHistory(location.versionDirs);
}

// ---- Is this history (and this analysis) usable? Decided here for the LSP and every CLI verb. ----

const READINESS = {
  noRevisions: (dir: string) => l10n.t('no revision files found in {0}', dir),
  noRevisionsWhy: (dir: string, why: string) => l10n.t('no revision files found in {0}: {1}', dir, why),
  broken: (lines: string) => l10n.t('the revision history is broken; fix these first:\n{0}', lines),
  severalHeads: (heads: string) => l10n.t('the migrations have several heads ({0}): merge them first with `flask db merge heads`', heads),
};

/**
 * Why the database verbs cannot use this history (no revision files, a file Alembic cannot load, a
 * broken graph), or null. `dir` names the project in the message.
 */
export function historyUnusable(history: History, dir: string): string | null {
  if (history.revisions.length === 0) {
    const why = history.notes.find((n) => n.severity === 'error' || n.kind === 'no-migrations' || n.kind === 'config')?.message;
    return why ? READINESS.noRevisionsWhy(dir, why) : READINESS.noRevisions(dir);
  }
  const broken = [...unloadableRevisionNotes(history.revisions), ...history.graph.notes.filter((n) => n.severity === 'error')];
  if (broken.length === 0) return null;
  const lines = broken.map((n) => `  ${n.location ? `${n.location.file}:${n.location.range.start.line + 1}: ` : ''}${n.message}`);
  return READINESS.broken(lines.join('\n'));
}

/** What stops a models-vs-head comparison, by where it comes from (each caller words its own refusal). */
export interface Blockers {
  /** Revision graph errors (duplicate ids, missing parents, unloadable files). */
  history: Note[];
  /** Model files that do not parse: code skipped until it parses would read as dropped tables and columns. */
  models: Note[];
}

export function blockers(result: ProjectResult): Blockers {
  return {
    history: blockingHistoryNotes(result.graphNotes),
    models: result.modelSchema.notes.filter((n) => (n.kind === 'parse-error' && n.severity !== 'info') || n.severity === 'error'),
  };
}

/** Every blocker of `check` and `revision` as notes, several heads included. */
export function blockingNotes(result: ProjectResult): Note[] {
  const { history, models } = blockers(result);
  const notes = [...history, ...models];
  // Several heads block only where the revision has no branch to write on (Flask-Alembic's "default" branch has one).
  if (result.revisionParent === null && result.heads.length > 1 && !notes.some((n) => n.kind === 'multiple-heads')) {
    notes.push({ severity: 'error', kind: 'multiple-heads', message: READINESS.severalHeads(result.heads.join(', ')) });
  }
  return notes;
}
