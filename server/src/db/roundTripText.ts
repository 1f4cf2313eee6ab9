// The round trip's words, and what each step found as data (`outcome`), so the extension words a
// step and the summary in the user's language from the CLI's English JSON. Pure (no driver), shared by
// the CLI (./roundTrip.ts) and the extension (client/src/model/roundTripText.ts).
import * as l10n from '@vscode/l10n';
import { describeDrift } from '../core/diff/describe';
import type { Change } from '../core/diff/types';
import { formatNumber } from '../core/locale';
import { headsText, reasonText, type NoteWording, type Reason } from '../core/reasons';
import { revisionsText } from './counts';

/** What one step found: the schemas matched, differed (the changes, replay → live), or the step did not run. */
export type RoundTripOutcome =
  | { kind: 'matches'; at: string[] }
  | { kind: 'differs'; at: string[]; changes: Change[] }
  | { kind: 'not-run'; reason: Reason | null; statement: string | null; databaseMessage?: string };

export const ROUNDTRIP_TEXT = {
  failedIn: (message: string, statement: string) => l10n.t('{0} in: {1}', message, statement),
  matches: (at: string) => l10n.t('schema matches the replay at {0}', at),
  differs: (at: string, differences: string) => l10n.t('schema differs from the replay at {0}: {1}', at, differences),
  get orderDiffers() {
    return l10n.t('column order or names differ');
  },
  failed: (direction: 'up' | 'down', revision: string, message: string) =>
    direction === 'up'
      ? l10n.t('Round trip failed at upgrade to {0}: {1}', revision, message)
      : l10n.t('Round trip failed at downgrade of {0}: {1}', revision, message),
  passed: (upgraded: number, down: number) =>
    l10n.t(
      'Round trip passed: base → head ({0}), then down and up the last {1}, schemas matched the replay at every step.',
      revisionsText(upgraded),
      formatNumber(down),
    ),
  differences: (changes: readonly Change[], at: string) => changes.map((c) => describeDrift(c, at)).join('; ') || ROUNDTRIP_TEXT.orderDiffers,
};

/** A step's sentence from its outcome; null when the outcome carries nothing this version can word. */
export function outcomeText(outcome: RoundTripOutcome, wording: NoteWording): string | null {
  switch (outcome.kind) {
    case 'matches':
      return ROUNDTRIP_TEXT.matches(headsText(outcome.at));
    case 'differs':
      return ROUNDTRIP_TEXT.differs(headsText(outcome.at), ROUNDTRIP_TEXT.differences(outcome.changes, headsText(outcome.at)));
    case 'not-run': {
      const message = outcome.databaseMessage ?? (outcome.reason ? reasonText(outcome.reason, wording) : null);
      if (message === null) return null;
      return outcome.statement ? ROUNDTRIP_TEXT.failedIn(message, outcome.statement) : message;
    }
    default:
      return null;
  }
}
