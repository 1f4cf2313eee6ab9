// Words several CLI verbs share in their text output (stderr and stdout lines for people, in their language).
import * as l10n from '@vscode/l10n';
import type { Note } from '../core/source';

export function severityWord(severity: Note['severity']): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    default:
      return l10n.t('note');
  }
}

export const CLI_TEXT = {
  database: (description: string) => l10n.t('Database: {0}', description),
  note: (note: string) => l10n.t('note: {0}', note),
  noRevisionWritten: (verb: string) => l10n.t('migration-guard {0}: no revision written.', verb),
  alreadyExists: (verb: string, file: string) => l10n.t('migration-guard {0}: {1} already exists; not overwritten', verb, file),
  unexpectedArgument: (arg: string) => l10n.t('unexpected argument "{0}"', arg),
  stamped: (heads: string, before: string) => l10n.t('Stamped {0} (was {1}); no migration ran.', heads, before),
  get atBase() {
    return l10n.t('The database is at base: alembic_version is empty.');
  },
  get noVersionTable() {
    return l10n.t(
      'The database has no alembic_version table: no migration was ever applied to it with Alembic. Run `migration-guard upgrade DIR` to build it from the migrations, or `migration-guard stamp DIR REV` if its schema already matches REV.',
    );
  },
  nothingRestored: (why: string) => l10n.t('nothing was restored: {0}', why),
};
