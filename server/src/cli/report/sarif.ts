// `check --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Rule metadata
// (names, descriptions, help text, default level) comes from the rule records; each result has its
// location, and the fixes that are text edits (server defaults, ignore comments) as SARIF fixes.
import type { FindingSeverity } from '../../core/findings';
import { RULES } from '../../core/rules';
import { rulePage } from '../../core/rules/docsPage';
import type { CheckReport } from './types';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL = { name: 'Migration Guard', fullName: 'Migration Guard: data-loss checks for SQLAlchemy / Flask-Migrate (Alembic) migrations' };

const LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF columns count from 1, and its end column is exclusive — as LSP characters + 1. */
const region = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
  startLine: range.start.line + 1,
  startColumn: range.start.character + 1,
  endLine: range.end.line + 1,
  endColumn: range.end.character + 1,
});

/** `Column dropped` → `ColumnDropped` (SARIF's rule `name` is an identifier-like string). */
const pascal = (name: string) =>
  name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

export function sarifLog(report: CheckReport): object {
  const rules = RULES.map((rule) => {
    const helpUri = report.docsUrl(rule.code);
    return {
      id: rule.code,
      name: pascal(rule.name),
      shortDescription: { text: rule.text.title },
      fullDescription: { text: rule.text.summary },
      help: { text: `${rule.text.data} ${rule.text.safe}`, markdown: rulePage(rule) },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { tags: ['migrations', rule.source === 'database' ? 'database' : 'models'] },
    };
  });
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const results = report.findings.map((finding) => {
    const fixes = finding.fixes.flatMap((fix) => {
      const edit = report.textEdit(fix);
      if (!edit) return [];
      return [
        {
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: { uri: edit.file, uriBaseId: '%SRCROOT%' },
              replacements: [{ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } }],
            },
          ],
        },
      ];
    });
    return {
      ruleId: finding.code,
      ...(index.has(finding.code) ? { ruleIndex: index.get(finding.code) } : {}),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: finding.file ? [{ physicalLocation: { artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' }, region: region(finding.range) } }] : [],
      // One result per code, table and column: GitHub keeps an alert open across commits by this.
      partialFingerprints: { 'migrationGuard/v1': [finding.code, finding.table, finding.column ?? ''].join(':') },
      ...(fixes.length > 0 ? { fixes } : {}),
      properties: {
        table: finding.table,
        ...(finding.column ? { column: finding.column } : {}),
        destructive: finding.destructive,
        ...(finding.rows ? { totalRows: finding.rows.total, rowsAtRisk: finding.rows.atRisk } : {}),
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { ...TOOL, version: report.toolVersion, semanticVersion: /^\d+\.\d+\.\d+/.test(report.toolVersion) ? report.toolVersion : undefined, rules },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
