// `check --format markdown`: a pull-request comment — a table of the findings with the rows they put
// at risk (with a database) and the fix for each, then the safe recipe of every code that appears.
import type { Finding, FindingFix } from '../../core/findings';
import { ruleFor } from '../../core/rules';
import type { CheckReport } from './types';

// Made on first use: building a NumberFormat loads ICU data (~10 ms), and most runs print no row counts.
let numberFormat: Intl.NumberFormat | undefined;
const count = { format: (n: number) => (numberFormat ??= new Intl.NumberFormat('en-US')).format(n) };

const TEXT = {
  title: 'Migration Guard',
  inSync: 'Models and migrations are in sync: no migration pending, nothing at risk.',
  summary: (findings: number, changes: number, destructive: number) =>
    `**${findings} finding${findings === 1 ? '' : 's'}** on ${changes} pending model change${changes === 1 ? '' : 's'}${destructive > 0 ? `, **${destructive} destroying data as written**` : ''}.`,
  header: ['', 'Code', 'Where', 'Finding', 'Rows at risk', 'Fix'],
  severity: { error: '⛔ error', warning: '⚠️ warning', info: 'ℹ️ info', hint: 'hint' } as Record<Finding['severity'], string>,
  rowsUnknown: '—',
  rows: (atRisk: number, total: number) => (atRisk === total ? count.format(atRisk) : `${count.format(atRisk)} of ${count.format(total)}`),
  noFix: 'see "What to do" below',
  recipes: 'What to do',
  uncounted: 'Rows at risk: — where no database was given (`--database-url`) or the rule counts none.',
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
  lines.push(`| ${TEXT.header.join(' | ')} |`, `|${TEXT.header.map(() => '---').join('|')}|`);
  for (const f of report.findings) {
    const where = f.file ? `\`${f.file}:${f.range.start.line + 1}\`` : '';
    const rows = f.rows ? TEXT.rows(f.rows.atRisk, f.rows.total) : TEXT.rowsUnknown;
    const fix = fixOf(f);
    lines.push(`| ${[TEXT.severity[f.severity], codeLink(report, f.code), where, cell(f.message), rows, cell(fix ? fix.title : TEXT.noFix)].join(' | ')} |`);
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
