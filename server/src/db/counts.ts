// Counted nouns the database messages share ("1 row" / "12,040 rows"), written for the user's locale.
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../core/locale';

export function rowsText(count: number): string {
  return count === 1 ? l10n.t('1 row') : l10n.t('{0} rows', formatNumber(count));
}

export function revisionsText(count: number): string {
  return count === 1 ? l10n.t('1 revision') : l10n.t('{0} revisions', formatNumber(count));
}

/** Why the rows behind a finding could not be counted (PostgreSQL and SQLite alike). */
export const COUNT_PROBLEMS = {
  failed: (why: string) => l10n.t('the count failed: {0}', why),
  noTable: (table: string) => l10n.t('table "{0}" is not in the database', table),
  noColumn: (table: string, column: string) => l10n.t('column "{0}" is not in the database', `${table}.${column}`),
  noKeyColumn: (columns: string, table: string) => l10n.t('a column of {0} is not in "{1}"', columns, table),
  get noColumnGiven() {
    return l10n.t('no column given');
  },
};
