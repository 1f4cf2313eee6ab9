// Pure: the Database view's rows for one project — the dialect and URL (masked), where the URL comes
// from, whether the database answers (or why not), and the revision it is at, including whether the
// project's migration files know that revision.
import * as l10n from '@vscode/l10n';
import type { IconSpec } from './revisionTree';
import { shortRevision } from './revisionTree';

export interface DatabaseFacts {
  state: 'not-configured' | 'unusable' | 'not-checked' | 'connected' | 'cannot-connect';
  current: string[] | null;
  label: string | null;
  source: string | null;
  dialect: string | null;
  error: string | null;
}

export interface DatabaseRow {
  /** Unique within the project. */
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: IconSpec;
  contextValue: string;
}

const TEXT = {
  get notConfigured() {
    return l10n.t('Not configured');
  },
  get notConfiguredWhere() {
    return l10n.t('no URL in the secret storage, the setting, config.py, the environment, .env, .flaskenv or alembic.ini');
  },
  get unknownDialect() {
    return l10n.t('Database');
  },
  from: (source: string) => l10n.t('From {0}', source),
  get connected() {
    return l10n.t('Connected');
  },
  get cannotConnect() {
    return l10n.t('Cannot connect');
  },
  get unusable() {
    return l10n.t('Cannot be used');
  },
  get notChecked() {
    return l10n.t('Not checked');
  },
  get notCheckedWhy() {
    return l10n.t('the workspace is not trusted, so Migration Guard does not connect');
  },
  get atBase() {
    return l10n.t('At base');
  },
  get atBaseWhy() {
    return l10n.t('no revision applied (alembic_version is empty)');
  },
  at: (id: string) => l10n.t('At {0}', shortRevision(id)),
  get unknownRevision() {
    return l10n.t('unknown to this project: no revision file declares it (another branch, or a deleted file?)');
  },
};

export function databaseRows(db: DatabaseFacts, revisionMessage: (id: string) => string | null | undefined): DatabaseRow[] {
  if (db.state === 'not-configured') {
    return [
      { key: 'state', label: TEXT.notConfigured, description: TEXT.notConfiguredWhere, icon: { id: 'circle-slash' }, contextValue: 'database.notConfigured' },
    ];
  }
  const rows: DatabaseRow[] = [];
  rows.push({
    key: 'url',
    label: db.dialect ?? TEXT.unknownDialect,
    ...(db.label ? { description: db.label, tooltip: `${db.dialect ?? TEXT.unknownDialect}: ${db.label}` } : {}),
    icon: { id: 'database' },
    contextValue: 'database.url',
  });
  if (db.source) rows.push({ key: 'source', label: TEXT.from(db.source), icon: { id: 'file-symlink-file' }, contextValue: 'database.source' });
  if (db.state === 'unusable') {
    rows.push({
      key: 'state',
      label: TEXT.unusable,
      description: db.error ?? '',
      tooltip: db.error ?? '',
      icon: { id: 'error', color: 'list.errorForeground' },
      contextValue: 'database.unusable',
    });
    return rows;
  }
  if (db.state === 'cannot-connect') {
    rows.push({
      key: 'state',
      label: TEXT.cannotConnect,
      description: db.error ?? '',
      tooltip: db.error ?? '',
      icon: { id: 'error', color: 'list.errorForeground' },
      contextValue: 'database.cannotConnect',
    });
    return rows;
  }
  if (db.state === 'not-checked') {
    rows.push({ key: 'state', label: TEXT.notChecked, description: TEXT.notCheckedWhy, icon: { id: 'question' }, contextValue: 'database.notChecked' });
    return rows;
  }
  rows.push({ key: 'state', label: TEXT.connected, icon: { id: 'pass', color: 'testing.iconPassed' }, contextValue: 'database.connected' });
  const current = db.current ?? [];
  if (current.length === 0)
    rows.push({ key: 'current', label: TEXT.atBase, description: TEXT.atBaseWhy, icon: { id: 'circle-outline' }, contextValue: 'database.current' });
  for (const id of current) {
    const message = revisionMessage(id);
    const known = message !== undefined;
    rows.push({
      key: `current:${id}`,
      label: TEXT.at(id),
      description: known ? (message ?? '') : TEXT.unknownRevision,
      tooltip: known ? id : `${id}: ${TEXT.unknownRevision}`,
      icon: known ? { id: 'debug-stackframe', color: 'charts.green' } : { id: 'warning', color: 'list.warningForeground' },
      contextValue: known ? 'database.current' : 'database.unknownRevision',
    });
  }
  return rows;
}
