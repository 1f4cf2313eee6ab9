// Pure: the status bar item's text, tooltip and accessible label for one project.
import { shortRevision } from './revisionTree';

export interface StatusInput {
  projectName: string;
  /** Database revisions; null when no database is known. */
  current: string[] | null;
  /** Revisions in the files that the database has not applied (null when unknown). */
  unappliedRevisions: number | null;
  /** Model changes that no migration holds yet. */
  pendingChanges: number;
  findings: number;
  databaseLabel: string | null;
}

export interface StatusText { text: string; tooltip: string; accessibilityLabel: string; warning: boolean }

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function statusText(s: StatusInput): StatusText {
  const revision = s.current === null ? 'no database' : s.current.length === 0 ? 'base' : s.current.map(shortRevision).join('+');
  const text = `$(database) ${revision}${s.pendingChanges > 0 ? ` · ${s.pendingChanges} pending` : ''}`;
  const lines = [`Migration Guard — ${s.projectName}`];
  if (s.current === null) lines.push('No database connected: applied states are unknown.');
  else lines.push(`Database at ${s.current.length === 0 ? 'base (empty alembic_version)' : s.current.join(', ')}${s.databaseLabel ? ` — ${s.databaseLabel}` : ''}`);
  if (s.unappliedRevisions !== null) lines.push(s.unappliedRevisions === 0 ? 'All revisions applied.' : `${count(s.unappliedRevisions, 'revision')} not applied.`);
  lines.push(s.pendingChanges === 0 ? 'Models match the migration head.' : `${count(s.pendingChanges, 'model change')} not in any migration yet.`);
  if (s.findings > 0) lines.push(`${count(s.findings, 'finding')} in the models.`);
  lines.push('Click to open the Migrations view.');
  const accessibilityLabel = `Migration Guard: database ${revision}, ${count(s.pendingChanges, 'pending change')}`;
  return { text, tooltip: lines.join('\n'), accessibilityLabel, warning: s.findings > 0 || (s.unappliedRevisions ?? 0) > 0 };
}
