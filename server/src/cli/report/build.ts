// Builds the CheckReport the CI formats print, and picks the format's printer.
import path from 'node:path';
import type { Finding, FindingFix } from '../../core/findings';
import type { ModelSchema } from '../../core/models/types';
import { docsUrlFor } from '../../core/rules/docsLocation';
import { fixTextEdit } from '../../core/rules/fixEdits';
import { githubAnnotations } from './github';
import { markdownSummary } from './markdown';
import { sarifLog } from './sarif';
import type { CheckReport } from './types';

export const CI_FORMATS = ['sarif', 'github', 'markdown'] as const;
export type CiFormat = (typeof CI_FORMATS)[number];

/**
 * CI tools resolve paths against the checkout they run in: paths are relative to the working
 * directory when DIR is inside it (`check app/` run at the repository root), else to DIR.
 */
export function ciBase(root: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, root);
  return relative.startsWith('..') || path.isAbsolute(relative) ? root : cwd;
}

const slash = (p: string) => p.split(path.sep).join('/');

export interface ReportInput {
  /** Findings as the engine gives them (absolute paths). */
  findings: Finding[];
  pendingChanges: number;
  models: ModelSchema;
  base: string;
  toolVersion: string;
  docsBaseUrl: string | undefined;
  readText(file: string): string | null;
}

export function buildReport(input: ReportInput): CheckReport {
  const relative = (file: string) => (file ? slash(path.relative(input.base, file)) : file);
  const findings = input.findings.map((f) => ({
    ...f,
    file: relative(f.file),
    fixes: f.fixes.map((fix): FindingFix => (fix.kind === 'ignore' ? { ...fix, file: relative(fix.file) } : fix)),
  }));
  return {
    findings,
    pendingChanges: input.pendingChanges,
    toolVersion: input.toolVersion,
    docsUrl: (code) => docsUrlFor(code, input.docsBaseUrl),
    textEdit(fix) {
      const absolute = fix.kind === 'ignore' ? { ...fix, file: path.resolve(input.base, fix.file) } : fix;
      const edit = fixTextEdit(absolute, {
        text: input.readText,
        columnLocation: (table, column) => input.models.sources.tables[table]?.columns[column]?.location,
      });
      return edit ? { ...edit, file: relative(edit.file) } : null;
    },
  };
}

/** The lines to print for a CI format. */
export function printReport(format: CiFormat, report: CheckReport): string[] {
  if (format === 'sarif') return [JSON.stringify(sarifLog(report), null, 2)];
  if (format === 'github') return githubAnnotations(report);
  return [markdownSummary(report).replace(/\n$/, '')];
}
