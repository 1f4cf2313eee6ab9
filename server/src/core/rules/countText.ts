// What the database counted for a finding, as one phrase by the measure its rule record declares
// ("3 groups of duplicate values (of 1,000 rows)", "~1.2M rows, 340 MB"): the hover shows it, so the
// count is there even where the editor does not repeat the diagnostic's message.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { formatCount, tableSizeText } from './context';
import type { RowMeasure } from './record';

type Rows = NonNullable<Finding['rows']>;

const PHRASES: Record<RowMeasure, (rows: Rows) => string> = {
  tableRows: (r) => (r.total === 1 ? l10n.t('1 row') : l10n.t('{0} rows', formatCount(r.total))),
  nonNullValues: (r) =>
    r.atRisk === 1
      ? l10n.t('1 non-null value (of {0} rows)', formatCount(r.total))
      : l10n.t('{0} non-null values (of {1} rows)', formatCount(r.atRisk), formatCount(r.total)),
  nullValues: (r) =>
    r.atRisk === 1
      ? l10n.t('1 row with NULL (of {0} rows)', formatCount(r.total))
      : l10n.t('{0} rows with NULL (of {1} rows)', formatCount(r.atRisk), formatCount(r.total)),
  valuesNotFitting: (r) =>
    r.atRisk === 1
      ? l10n.t('1 value at risk (of {0} rows)', formatCount(r.total))
      : l10n.t('{0} values at risk (of {1} rows)', formatCount(r.atRisk), formatCount(r.total)),
  duplicateGroups: (r) =>
    r.atRisk === 1
      ? l10n.t('1 group of duplicate values (of {0} rows)', formatCount(r.total))
      : l10n.t('{0} groups of duplicate values (of {1} rows)', formatCount(r.atRisk), formatCount(r.total)),
  tableEstimate: (r) =>
    tableSizeText({ totalRows: r.total, ...(r.bytes !== undefined ? { bytes: r.bytes } : {}), ...(r.estimated ? { estimated: true } : {}) }),
};

/** The count as a phrase, or null when the finding carries none. */
export function countPhrase(finding: Pick<Finding, 'rows'>, measure: RowMeasure | undefined): string | null {
  return finding.rows && measure ? PHRASES[measure](finding.rows) : null;
}
