// A finding that rests on a table the replay could not follow exactly is shown as uncertain: an
// info finding that says why, never a data-loss warning.
import type { Finding } from '../findings';
import type { Uncertainty } from '../history/guardedReplay';

const MESSAGES = {
  uncertain: (message: string, reason: string, where: string) => `${message} Uncertain: the migration history could not be followed exactly for this table (${where}${reason}).`,
};

/** `where`: "path:line: " of the step the uncertainty comes from, when known. */
export function softenUncertainFindings(findings: Finding[], uncertain: ReadonlyMap<string, Uncertainty>, where: (u: Uncertainty) => string): Finding[] {
  if (uncertain.size === 0) return findings;
  return findings.map((finding) => {
    const uncertainty = uncertain.get(finding.table);
    if (!uncertainty || (finding.severity !== 'warning' && finding.severity !== 'error' && !finding.destructive)) return finding;
    return { ...finding, severity: 'info', destructive: false, message: MESSAGES.uncertain(finding.message, uncertainty.reason, where(uncertainty)) };
  });
}
