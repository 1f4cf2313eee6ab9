// Pure: the status bar item's text, tooltip and accessible label for one project. It always says the
// truth about the database: not configured, cannot connect (and why), not checked, or its revision —
// and whether the project's migration files know that revision.
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../../server/src/core/locale';
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
  /** No model found: the head was not compared, so no pending change is not "in sync". */
  modelsNotFound?: boolean;
  databaseLabel: string | null;
}

export interface StatusText {
  text: string;
  tooltip: string;
  accessibilityLabel: string;
  warning: boolean;
}

const TEXT = {
  get noDatabase() {
    return l10n.t('no database');
  },
  get cannotConnect() {
    return l10n.t('cannot connect');
  },
  get unusable() {
    return l10n.t('database unusable');
  },
  get notChecked() {
    return l10n.t('not checked');
  },
  get unknownMark() {
    return l10n.t('(unknown)');
  },
  pending: (n: number) => (n === 1 ? l10n.t('1 pending') : l10n.t('{0} pending', formatNumber(n))),
  get noDatabaseTip() {
    return l10n.t('No database configured: applied states are unknown. Set one with "Migration Guard: Set Database URL".');
  },
  cannotConnectTip: (reason: string) => l10n.t('Cannot connect to the database: {0}', reason),
  unusableTip: (reason: string) => l10n.t('The configured database cannot be used: {0}', reason),
  get noReason() {
    return l10n.t('no reason given');
  },
  get notCheckedTip() {
    return l10n.t('The workspace is not trusted: Migration Guard does not connect to the database.');
  },
  unknownTip: (ids: string[]) => l10n.t('The database is at {0}, which no revision file of this project declares.', ids.join(', ')),
  get baseEmpty() {
    return l10n.t('base (empty alembic_version)');
  },
  at: (revisions: string) => l10n.t('Database at {0}', revisions),
  atOn: (revisions: string, database: string) => l10n.t('Database at {0} — {1}', revisions, database),
  get allApplied() {
    return l10n.t('All revisions applied.');
  },
  notApplied: (n: number) => (n === 1 ? l10n.t('1 revision not applied.') : l10n.t('{0} revisions not applied.', formatNumber(n))),
  get notCompared() {
    return l10n.t('No models were found: the models were not compared with the migration head.');
  },
  get modelsMatch() {
    return l10n.t('Models match the migration head.');
  },
  modelChanges: (n: number) =>
    n === 1 ? l10n.t('1 model change not in any migration yet.') : l10n.t('{0} model changes not in any migration yet.', formatNumber(n)),
  findings: (n: number) => (n === 1 ? l10n.t('1 finding in the models.') : l10n.t('{0} findings in the models.', formatNumber(n))),
  get click() {
    return l10n.t('Click to open the Migrations view.');
  },
  accessible: (revision: string, pending: number) =>
    pending === 1
      ? l10n.t('Migration Guard: database {0}, 1 pending change', revision)
      : l10n.t('Migration Guard: database {0}, {1} pending changes', revision, formatNumber(pending)),
};

function revisionWord(s: StatusInput): string {
  switch (s.state) {
    case 'not-configured':
      return TEXT.noDatabase;
    case 'cannot-connect':
      return TEXT.cannotConnect;
    case 'unusable':
      return TEXT.unusable;
    case 'not-checked':
      return TEXT.notChecked;
    default:
      if (s.current === null) return TEXT.noDatabase;
      return s.current.length === 0 ? 'base' : s.current.map(shortRevision).join('+');
  }
}

export function statusText(s: StatusInput): StatusText {
  const revision = revisionWord(s);
  const unknown = s.unknownRevisions ?? [];
  const text = `$(database) ${revision}${unknown.length ? ` ${TEXT.unknownMark}` : ''}${s.pendingChanges > 0 ? ` · ${TEXT.pending(s.pendingChanges)}` : ''}`;
  const lines = [`Migration Guard — ${s.projectName}`];
  if (s.state === 'cannot-connect') lines.push(TEXT.cannotConnectTip(s.reason ?? TEXT.noReason));
  else if (s.state === 'unusable') lines.push(TEXT.unusableTip(s.reason ?? TEXT.noReason));
  else if (s.state === 'not-checked') lines.push(TEXT.notCheckedTip);
  else if (s.current === null) lines.push(TEXT.noDatabaseTip);
  else {
    const revisions = s.current.length === 0 ? TEXT.baseEmpty : s.current.join(', ');
    lines.push(s.databaseLabel ? TEXT.atOn(revisions, `${s.dialect ? `${s.dialect} ` : ''}${s.databaseLabel}`) : TEXT.at(revisions));
  }
  if (unknown.length) lines.push(TEXT.unknownTip(unknown));
  if (s.unappliedRevisions !== null) lines.push(s.unappliedRevisions === 0 ? TEXT.allApplied : TEXT.notApplied(s.unappliedRevisions));
  lines.push(s.modelsNotFound ? TEXT.notCompared : s.pendingChanges === 0 ? TEXT.modelsMatch : TEXT.modelChanges(s.pendingChanges));
  if (s.findings > 0) lines.push(TEXT.findings(s.findings));
  lines.push(TEXT.click);
  const accessibilityLabel = TEXT.accessible(revision, s.pendingChanges);
  const trouble = s.state === 'cannot-connect' || s.state === 'unusable' || unknown.length > 0 || s.modelsNotFound === true;
  return { text, tooltip: lines.join('\n'), accessibilityLabel, warning: trouble || s.findings > 0 || (s.unappliedRevisions ?? 0) > 0 };
}
