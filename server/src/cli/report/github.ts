// `check --format github`: GitHub Actions workflow commands, one annotation per finding, shown on the
// pull request's changed lines and in the run summary.
import type { FindingSeverity } from '../../core/findings';
import { ruleFor } from '../../core/rules';
import type { CheckReport } from './types';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../core/locale';

const COMMAND: Record<FindingSeverity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

const TEXT = {
  title: (code: string, title: string | undefined) => (title ? `${code} ${title}` : code),
  more: (code: string) => `(migration-guard explain ${code})`,
  summary: (findings: number, changes: number) =>
    l10n.t(
      'Migration Guard: {0}, {1}.',
      findings === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', formatNumber(findings)),
      changes === 1 ? l10n.t('1 pending model change') : l10n.t('{0} pending model changes', formatNumber(changes)),
    ),
};

/** Workflow-command escaping: the message part, and (stricter) a property value. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(report: CheckReport): string[] {
  const lines = report.findings.map((f) => {
    const properties = [
      ...(f.file ? [`file=${escapeProperty(f.file)}`, `line=${f.range.start.line + 1}`, `col=${f.range.start.character + 1}`] : []),
      ...(f.file && f.range.end.line !== f.range.start.line ? [`endLine=${f.range.end.line + 1}`] : []),
      ...(f.file && f.range.end.line === f.range.start.line ? [`endColumn=${f.range.end.character + 1}`] : []),
      `title=${escapeProperty(TEXT.title(f.code, ruleFor(f.code)?.text.title))}`,
    ];
    return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(`${f.message} ${TEXT.more(f.code)}`)}`;
  });
  lines.push(TEXT.summary(report.findings.length, report.pendingChanges));
  return lines;
}
