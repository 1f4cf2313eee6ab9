// Hover on a model file: on a finding, what happens to the data and the safe recipe; on a column,
// whether the migration head already has it (in head, pending add, pending change) and which
// revision created it.
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Finding } from '../core/findings';
import type { ProjectAnalysis } from '../core/project/analysis';
import type { ColumnState } from '../core/project/columnState';
import type { Range } from '../core/source';
import { ruleFor } from '../core/rules';
import { countPhrase } from '../core/rules/countText';

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function size(range: Range): number {
  return (range.end.line - range.start.line) * 10_000 + (range.end.character - range.start.character);
}

/** The hover's own headings (the rule's sentences come from its record). */
const HOVER_TEXT = {
  get data() {
    return l10n.t('What happens to the data:');
  },
  get safe() {
    return l10n.t('Safe recipe:');
  },
  get fixes() {
    return l10n.t('Quick fixes:');
  },
  get counted() {
    return l10n.t('In the dev database:');
  },
  get notCounted() {
    return l10n.t('Rows not counted:');
  },
};

// The editor already shows the diagnostic's message (with its code) above this hover, so the
// finding's own message is not repeated here: the hover adds what the message does not say.
function findingMarkdown(finding: Finding): string {
  const rule = ruleFor(finding.code);
  const text = rule?.text;
  const lines = [`**${finding.code}**`];
  const counted = countPhrase(finding, rule?.rowsAtRisk?.measure);
  if (counted) lines.push('', `**${HOVER_TEXT.counted}** ${counted}`);
  else if (finding.rowsUnavailable) lines.push('', `**${HOVER_TEXT.notCounted}** ${finding.rowsUnavailable}`);
  if (text) lines.push('', `**${HOVER_TEXT.data}** ${text.data}`, '', `**${HOVER_TEXT.safe}** ${text.safe}`);
  // A query to run first is not a code action: the hover shows it, so the title's promise is kept.
  const fixes = finding.fixes.filter((f) => f.kind !== 'ignore').map((f) => (f.kind === 'inspectRows' ? `- ${f.title}:\n  \`${f.sql}\`` : `- ${f.title}`));
  if (fixes.length > 0) lines.push('', `**${HOVER_TEXT.fixes}**`, ...fixes);
  return lines.join('\n');
}

/** The column hover's sentences: whether the migration head has the column, and where it came from. */
const COLUMN_TEXT = {
  get inHead() {
    return l10n.t('In the migration head: no migration pending for this column.');
  },
  get pendingAdd() {
    return l10n.t('Pending add: no migration creates this column yet.');
  },
  pendingTable: (table: string) => l10n.t('Pending add: table `{0}` is not created by any migration yet.', table),
  get pendingChange() {
    return l10n.t('Pending change: the migration head has');
  },
  createdIn: (revision: string, message: string | null, file: string | null) =>
    message && file
      ? l10n.t('Created in revision `{0}` — {1} ({2})', revision, message, file)
      : message
        ? l10n.t('Created in revision `{0}` — {1}', revision, message)
        : file
          ? l10n.t('Created in revision `{0}` ({1})', revision, file)
          : l10n.t('Created in revision `{0}`', revision),
  lastChangedIn: (revision: string, message: string | null) =>
    message ? l10n.t('Last changed in revision `{0}` — {1}', revision, message) : l10n.t('Last changed in revision `{0}`', revision),
};

function columnMarkdown(state: ColumnState, relative: (file: string) => string): string {
  const { table, column, model, head } = state;
  const lines = [
    `**${table}.${column}** \`${model.type}${model.nullable ? '' : ' NOT NULL'}${model.default !== null ? ` DEFAULT ${model.default}` : ''}\``,
    '',
  ];
  if (state.status === 'in-head') lines.push(COLUMN_TEXT.inHead);
  else if (state.status === 'pending-add') lines.push(state.tableInHead ? COLUMN_TEXT.pendingAdd : COLUMN_TEXT.pendingTable(table));
  else {
    lines.push(COLUMN_TEXT.pendingChange);
    lines.push(`\`${head?.type ?? '?'}${head && !head.nullable ? ' NOT NULL' : ''}${head && head.default !== null ? ` DEFAULT ${head.default}` : ''}\``);
  }
  if (state.createdIn) {
    const { revision, message, file } = state.createdIn;
    lines.push('', COLUMN_TEXT.createdIn(revision, message || null, file ? relative(file) : null));
  }
  if (state.lastChangedIn && state.lastChangedIn.revision !== state.createdIn?.revision) {
    lines.push(COLUMN_TEXT.lastChangedIn(state.lastChangedIn.revision, state.lastChangedIn.message || null));
  }
  return lines.join('\n');
}

export function hoverAt(project: ProjectAnalysis, file: string, position: Position): Hover | null {
  const result = project.result();
  const findings = result.findings.filter((f) => f.file === file && contains(f.range, position)).sort((a, b) => size(a.range) - size(b.range));
  const sections: string[] = [];
  let range: Range | undefined;
  const finding = findings[0];
  if (finding) {
    // One section per finding code: two findings of one code on one line say the same thing here.
    const codes = new Set<string>();
    sections.push(...findings.filter((f) => !codes.has(f.code) && codes.add(f.code)).map(findingMarkdown));
    range = finding.range;
  }
  const state = project.columnStateAt(file, position);
  if (state) {
    sections.push(columnMarkdown(state, (f) => path.relative(project.location.root, f)));
    range ??= state.range;
  }
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}
