// `# migration-guard: ignore DS103` on the model line a finding points at, or on the line above,
// silences that code there (several codes: `ignore DS103, MF105`; no code: every finding there).
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';

const IGNORE = /#\s*migration-guard:\s*ignore\b([^#\n]*)/i;

/** The codes a line's comment ignores: a set, '*' for all, or null when the line has no such comment. */
export function ignoredCodes(line: string | undefined): Set<string> | '*' | null {
  if (line === undefined) return null;
  const match = IGNORE.exec(line);
  if (!match) return null;
  const codes = (match[1] ?? '')
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^[A-Z]+\d+$/.test(c));
  return codes.length === 0 ? '*' : new Set(codes);
}

function silences(line: string | undefined, code: string): boolean {
  const codes = ignoredCodes(line);
  return codes === '*' || (codes !== null && codes.has(code));
}

/** A line above counts only when it is a comment line of its own. */
const isCommentLine = (line: string | undefined) => line !== undefined && /^\s*#/.test(line);

/** The last text split into lines: every finding of one file checks the same text (once per keystroke). */
let lastText: string | null = null;
let lastLines: string[] | null = null;
let lastMentions = false;
/** Null when the text has no ignore comment at all (the common case: no split of the file per keystroke). */
function linesOf(text: string): string[] | null {
  if (text !== lastText) {
    lastText = text;
    lastLines = null;
    lastMentions = /migration-guard:/i.test(text);
  }
  if (!lastMentions) return null;
  lastLines ??= text.split(/\r?\n/);
  return lastLines;
}

export function isIgnored(finding: Finding, readText: (file: string) => string | undefined): boolean {
  if (!finding.file) return false;
  const text = readText(finding.file);
  if (text === undefined) return false;
  const lines = linesOf(text);
  if (lines === null) return false;
  const line = finding.range.start.line;
  if (silences(lines[line], finding.code)) return true;
  // Walk up through a block of comment lines directly above.
  for (let i = line - 1; i >= 0 && isCommentLine(lines[i]); i--) if (silences(lines[i], finding.code)) return true;
  return false;
}

/** The ignore fix every finding carries: the comment to put above the line it points at. */
export function ignoreFix(code: string, file: string, line: number) {
  return {
    kind: 'ignore' as const,
    title: l10n.t('Ignore {0} here (add "{1}")', code, `# migration-guard: ignore ${code}`),
    code,
    comment: `# migration-guard: ignore ${code}`,
    file,
    line,
  };
}
