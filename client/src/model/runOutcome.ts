// Pure: the sentences for a run that did not move the database (refused, failed, lock busy, nothing to
// do) and for one the project's Alembic ran, in the user's language. The CLI's JSON is English by
// design (language-neutral), so its `summary` and `failure.message` are never shown; the sentence is
// built from the structured fields instead: the status, the heads, and `failure.reason`
// (server/src/core/reasons.ts). A reason this version does not know gets a localized generic sentence
// with its code, never the CLI's English.
import * as l10n from '@vscode/l10n';
import { headsText, isKnownReason, NOTE_BY_KIND, OUTCOME_TEXT, reasonText, type Reason } from '../../../server/src/core/reasons';
import type { ExecutionResult } from '../../../server/src/db/executor';
import type { ErrorJson, StampJson } from '../../../server/src/cliJson';
import { currentLocale } from '../../../server/src/core/locale';
import { CLI_TEXT } from '../../../server/src/cli/text';

const TEXT = {
  because: (summary: string, why: string) => l10n.t('{0} Reason: {1}', summary, why),
  notRun: (why: string) => l10n.t('Not run: {0}', why),
  cliSaid: (message: string) => l10n.t('the CLI said (in English): {0}', message),
  failed: (title: string, why: string) => l10n.t('{0} failed: {1}', title, why),
  failedElsewhere: (title: string) => l10n.t("{0} failed; the output channel has the CLI's message (in English).", title),
};

/** The failure's reason when this version knows its kind. */
export function knownReason(result: Pick<ExecutionResult, 'failure'>): Reason | null {
  const reason: unknown = result.failure?.reason;
  return isKnownReason(reason) ? reason : null;
}

/** The code a generic sentence names: the reason's kind as the CLI wrote it, else the status. */
function codeOf(result: ExecutionResult): string {
  const kind: unknown = (result.failure?.reason as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' ? kind : result.status;
}

/** Why the run was refused or failed, in words (the database's own error text is quoted as it came). */
export function reasonSentence(result: ExecutionResult): string | null {
  const reason = knownReason(result);
  if (!reason) return null;
  if (reason.kind === 'database-error') return OUTCOME_TEXT.databaseSaid(result.failure?.message ?? '');
  return reasonText(reason, NOTE_BY_KIND);
}

/** The one-line outcome of a run that is not an applied or dry run of Migration Guard's own steps. */
export function outcomeSentence(result: ExecutionResult): string {
  const reason = knownReason(result);
  const why = reasonSentence(result);
  switch (result.status) {
    case 'nothing-to-do':
      return OUTCOME_TEXT.nothingToDo(headsText(result.headsBefore));
    case 'applied':
      return OUTCOME_TEXT.alembicApplied(headsText(result.headsBefore), headsText(result.headsAfter));
    case 'refused':
      return reason && why ? OUTCOME_TEXT.refused(why) : OUTCOME_TEXT.unknown(codeOf(result));
    case 'lock-busy':
      return reason && why ? TEXT.notRun(why) : OUTCOME_TEXT.unknown(codeOf(result));
    case 'failed':
      if (!reason || !why) return OUTCOME_TEXT.unknown(codeOf(result));
      if (reason.kind === 'database-error') return `${OUTCOME_TEXT.failed(reason.revision, headsText(result.headsBefore))} ${why}`;
      if (reason.kind === 'alembic-exited') return TEXT.because(OUTCOME_TEXT.alembicFailed(headsText(result.headsAfter)), why);
      if (reason.kind === 'alembic-other-database') return TEXT.because(OUTCOME_TEXT.alembicNotMigrated(headsText(result.headsAfter)), why);
      return TEXT.because(OUTCOME_TEXT.failed(result.failure?.revision ?? null, headsText(result.headsBefore)), why);
    default:
      return OUTCOME_TEXT.unknown(codeOf(result));
  }
}

/** The failure's line for the output channel: the reason in words, or (unknown kind) the CLI's English, labelled so. */
export function failureDetail(result: ExecutionResult): string | null {
  const f = result.failure;
  if (!f) return null;
  return reasonSentence(result) ?? TEXT.cliSaid(f.message);
}

/** `stamp --format json` in words, from its heads (the JSON's `summary` is English). */
export function stampSummary(json: unknown, revision: string): string {
  const stamp = json as Partial<StampJson> | undefined;
  if (!stamp || !Array.isArray(stamp.headsBefore) || !Array.isArray(stamp.headsAfter)) return l10n.t('Stamped {0}.', revision);
  return CLI_TEXT.stamped(headsText(stamp.headsAfter), headsText(stamp.headsBefore));
}

/** The reason of a `{"error": …}` output in the user's words; null when it has none this version knows. */
export function errorReasonText(json: unknown): string | null {
  const reason: unknown = (json as Partial<ErrorJson> | undefined)?.error?.reason;
  return isKnownReason(reason) ? reasonText(reason, NOTE_BY_KIND) : null;
}

/**
 * The message for a CLI run that failed without a result (`{"error": …}` on stdout, the English text on
 * stderr): its reason in the user's words; else, outside English, a localized sentence that points to
 * the output channel (where the English goes, labelled); in English, the CLI's first line.
 */
export function cliErrorText(title: string, json: unknown, english: string): string {
  const worded = errorReasonText(json);
  if (worded !== null) return TEXT.failed(title, worded);
  if (currentLocale() !== 'en') return TEXT.failedElsewhere(title);
  return TEXT.failed(title, english);
}
