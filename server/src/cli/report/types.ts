// What `check`'s CI formats (sarif, github, markdown) are made from: the findings as the JSON format
// prints them (paths relative to DIR) plus what the rule records add.
import type { Finding, FindingFix } from '../../core/findings';
import type { FileEdit } from '../../core/rules/fixEdits';

export interface CheckReport {
  /** Sorted by place; `file` relative to DIR with forward slashes. */
  findings: Finding[];
  /** How many model changes are pending (0: in sync). */
  pendingChanges: number;
  toolVersion: string;
  /** The docs page of a code (see docsLocation.ts). */
  docsUrl(code: string): string | undefined;
  /** The text edit a fix makes, its file relative to DIR; null when the fix is no text edit. */
  textEdit(fix: FindingFix): FileEdit | null;
}
