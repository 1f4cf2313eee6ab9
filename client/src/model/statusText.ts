// Pure: the status bar item's text, tooltip and accessible label for one project. It always says the
// truth about the database: not configured, cannot connect (and why), not checked, or its revision —
// and whether the project's migration files know that revision.
import { shortRevision } from './revisionTree';

export interface StatusInput {
  projectName: string;
  /** What is known about the database; 'connected' when absent (older callers). */
  state?: 'not-configured' | 'unusable' | 'not-checked' | 'connected' | 'cannot-connect';
  /** Database revisions; null when no database is known. */
  current: string[] | null;
  /** Why it cannot connect or cannot be used. */
  reason?: string | null;
  /** The dialect, e.g. "PostgreSQL". */
  dialect?: string | null;
  /** Recorded revisions no revision file declares. */
  unknownRevisions?: string[];
  /** Revisions in the files that the database has not applied (null when unknown). */
  unappliedRevisions: number | null;
  /** Model changes that no migration holds yet. */
  pendingChanges: number;
  findings: number;
  databaseLabel: string | null;
}

export interface StatusText { text: string; tooltip: string; accessibilityLabel: string; warning: boolean }

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const TEXT = {
  noDatabase: 'no database',
  cannotConnect: 'cannot connect',
  unusable: 'database unusable',
  notChecked: 'not checked',
  noDatabaseTip: 'No database configured: applied states are unknown. Set one with "Migration Guard: Set Database URL".',
  cannotConnectTip: (reason: string) => `Cannot connect to the database: ${reason}`,
  unusableTip: (reason: string) => `The configured database cannot be used: ${reason}`,
  notCheckedTip: 'The workspace is not trusted: Migration Guard does not connect to the database.',
  unknownTip: (ids: string[]) => `The database is at ${ids.join(', ')}, which no revision file of this project declares.`,
};

function revisionWord(s: StatusInput): string {
  switch (s.state) {
    case 'not-configured': return TEXT.noDatabase;
    case 'cannot-connect': return TEXT.cannotConnect;
    case 'unusable': return TEXT.unusable;
    case 'not-checked': return TEXT.notChecked;
    default:
      if (s.current === null) return TEXT.noDatabase;
      return s.current.length === 0 ? 'base' : s.current.map(shortRevision).join('+');
  }
}

export function statusText(s: StatusInput): StatusText {
  const revision = revisionWord(s);
  const unknown = s.unknownRevisions ?? [];
  const text = `$(database) ${revision}${unknown.length ? ' (unknown)' : ''}${s.pendingChanges > 0 ? ` · ${s.pendingChanges} pending` : ''}`;
  const lines = [`Migration Guard — ${s.projectName}`];
  if (s.state === 'cannot-connect') lines.push(TEXT.cannotConnectTip(s.reason ?? 'no reason given'));
  else if (s.state === 'unusable') lines.push(TEXT.unusableTip(s.reason ?? 'no reason given'));
  else if (s.state === 'not-checked') lines.push(TEXT.notCheckedTip);
  else if (s.current === null) lines.push(TEXT.noDatabaseTip);
  else lines.push(`Database at ${s.current.length === 0 ? 'base (empty alembic_version)' : s.current.join(', ')}${s.databaseLabel ? ` — ${s.dialect ? `${s.dialect} ` : ''}${s.databaseLabel}` : ''}`);
  if (unknown.length) lines.push(TEXT.unknownTip(unknown));
  if (s.unappliedRevisions !== null) lines.push(s.unappliedRevisions === 0 ? 'All revisions applied.' : `${count(s.unappliedRevisions, 'revision')} not applied.`);
  lines.push(s.pendingChanges === 0 ? 'Models match the migration head.' : `${count(s.pendingChanges, 'model change')} not in any migration yet.`);
  if (s.findings > 0) lines.push(`${count(s.findings, 'finding')} in the models.`);
  lines.push('Click to open the Migrations view.');
  const accessibilityLabel = `Migration Guard: database ${revision}, ${count(s.pendingChanges, 'pending change')}`;
  const trouble = s.state === 'cannot-connect' || s.state === 'unusable' || unknown.length > 0;
  return { text, tooltip: lines.join('\n'), accessibilityLabel, warning: trouble || s.findings > 0 || (s.unappliedRevisions ?? 0) > 0 };
}
