// `check --format markdown`: a pull-request comment — a table of the findings with the rows they put
// at risk (with a database) and the fix for each, then the safe recipe of every code that appears.
import type { Finding, FindingFix } from '../../core/findings';
import { ruleFor } from '../../core/rules';
import type { CheckReport } from './types';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../core/locale';

const TEXT = {
  title: 'Migration Guard',
  get inSync() {
    return l10n.t('Models and migrations are in sync: no migration pending, nothing at risk.');
  },
  summary: (findings: number, changes: number, destructive: number) => {
    const found = findings === 1 ? l10n.t('**1 finding**') : l10n.t('**{0} findings**', formatNumber(findings));
    const pending = changes === 1 ? l10n.t('1 pending model change') : l10n.t('{0} pending model changes', formatNumber(changes));
    if (destructive === 0) return l10n.t('{0} on {1}.', found, pending);
    return destructive === 1
      ? l10n.t('{0} on {1}, **1 destroying data as written**.', found, pending)
      : l10n.t('{0} on {1}, **{2} destroying data as written**.', found, pending, formatNumber(destructive));
  },
  get header() {
    return ['', l10n.t('Code'), l10n.t('Where'), l10n.t('Finding'), l10n.t('Rows at risk'), l10n.t('Fix')];
  },
  severity: (severity: Finding['severity']) =>
    severity === 'error'
      ? `⛔ ${l10n.t('error')}`
      : severity === 'warning'
        ? `⚠️ ${l10n.t('warning')}`
        : severity === 'info'
          ? `ℹ️ ${l10n.t('info')}`
          : l10n.t('hint'),
  rowsUnknown: '—',
  rows: (atRisk: number, total: number) => (atRisk === total ? formatNumber(atRisk) : l10n.t('{0} of {1}', formatNumber(atRisk), formatNumber(total))),
  get noFix() {
    return l10n.t('see "What to do" below');
  },
  get recipes() {
    return l10n.t('What to do');
  },
  get uncounted() {
    return l10n.t('Rows at risk: — where no database was given (`--database-url`) or the rule counts none.');
  },
  explain: (code: string) => `\`migration-guard explain ${code}\``,
};

/** A table cell: no pipes or line breaks, backticks kept. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The fix to show: the record's preferred one, else the first that is not "ignore". */
function fixOf(finding: Finding): FindingFix | undefined {
  const preferred = ruleFor(finding.code)?.preferredFix;
  return finding.fixes.find((f) => f.kind === preferred) ?? finding.fixes.find((f) => f.kind !== 'ignore');
}

function codeLink(report: CheckReport, code: string): string {
  const url = report.docsUrl(code);
  return url && /^https?:/.test(url) ? `[${code}](${url})` : code;
}

export function markdownSummary(report: CheckReport): string {
  const lines = [`### ${TEXT.title}`, ''];
  if (report.findings.length === 0 && report.pendingChanges === 0) return [...lines, TEXT.inSync, ''].join('\n');
  lines.push(TEXT.summary(report.findings.length, report.pendingChanges, report.findings.filter((f) => f.destructive).length), '');
  const header = TEXT.header;
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const f of report.findings) {
    const where = f.file ? `\`${f.file}:${f.range.start.line + 1}\`` : '';
    const rows = f.rows ? TEXT.rows(f.rows.atRisk, f.rows.total) : TEXT.rowsUnknown;
    const fix = fixOf(f);
    lines.push(`| ${[TEXT.severity(f.severity), codeLink(report, f.code), where, cell(f.message), rows, cell(fix ? fix.title : TEXT.noFix)].join(' | ')} |`);
  }
  if (report.findings.some((f) => !f.rows)) lines.push('', TEXT.uncounted);
  const codes = [...new Set(report.findings.map((f) => f.code))];
  lines.push('', `#### ${TEXT.recipes}`, '');
  for (const code of codes) {
    const rule = ruleFor(code);
    if (rule) lines.push(`- **${codeLink(report, code)} ${rule.text.title}.** ${rule.text.data} ${rule.text.safe} (${TEXT.explain(code)})`);
  }
  return `${lines.join('\n')}\n`;
}
