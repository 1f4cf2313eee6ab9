// Pure: the Test Round Trip report in the user's language, from the structured `outcome` of each step
// of `roundtrip --format json` (server/src/db/roundTripText.ts), never from its English `message`.
import * as l10n from '@vscode/l10n';
import { NOTE_BY_KIND, OUTCOME_TEXT } from '../../../server/src/core/reasons';
import type { RoundTripReport, RoundTripStep } from '../../../server/src/db/roundTrip';
import { outcomeText, ROUNDTRIP_TEXT } from '../../../server/src/db/roundTripText';

/** One step's finding in words; a step without an outcome this version can word gets the generic sentence. */
export function roundTripStepText(step: RoundTripStep): string {
  const kind = (step.outcome as { kind?: unknown } | undefined)?.kind;
  return (step.outcome && outcomeText(step.outcome, NOTE_BY_KIND)) ?? OUTCOME_TEXT.unknown(typeof kind === 'string' ? kind : 'roundtrip-step');
}

/** The output channel's lines (one per step) and the summary for the notification. */
export function roundTripText(report: Partial<RoundTripReport>, exitCode: number): { lines: string[]; summary: string; ok: boolean } {
  const steps = report.steps ?? [];
  const lines = steps.map((s) => `  ${s.ok ? '✓' : '✗'} ${s.direction === 'up' ? 'up  ' : 'down'} ${s.revision}: ${roundTripStepText(s)}`);
  const ok = exitCode === 0 && report.ok !== false;
  const failed = steps.find((s) => !s.ok);
  let summary: string;
  if (failed) summary = ROUNDTRIP_TEXT.failed(failed.direction, failed.revision, roundTripStepText(failed));
  else if (!ok || steps.length === 0) summary = ok ? l10n.t('Round trip passed.') : l10n.t('Round trip failed.');
  else {
    const down = steps.filter((s) => s.direction === 'down').length;
    summary = ROUNDTRIP_TEXT.passed(steps.length - 2 * down, down);
  }
  return { lines, summary, ok };
}
