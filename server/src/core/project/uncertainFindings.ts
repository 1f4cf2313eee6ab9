// A finding that rests on a table the replay could not follow exactly is shown as uncertain: an
// info finding that says why, never a data-loss warning.
import * as l10n from '@vscode/l10n';
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import { ruleFor, type RenameReadings } from '../rules';
import { MG004 } from '../rules/mg004-several-heads';
import type { Uncertainty } from '../history/guardedReplay';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';
import type { Note } from '../source';

const MESSAGES = {
  get noModels() {
    return l10n.t(
      "no model classes or Table() objects were found in the project's Python files (models in a form this tool does not read, or another ORM); the tables of the migration head are not reported as dropped",
    );
  },
  uncertainStep: (message: string, reason: string, where: string) =>
    l10n.t('{0} Uncertain: the migration history could not be followed exactly for this table ({1}{2}).', message, where, reason),
  uncertain: (message: string, reason: string) => l10n.t('{0} Uncertain: {1}.', message, reason),
  get notCompared() {
    return l10n.t(
      'No models were found (no model classes or Table() objects in the Python files read), so the models were not compared with the migration head: no migration is written, it would drop every table.',
    );
  },
};

/** Why revision and Create Migration write nothing when no model was found (and the project problem the editor shows). */
export const notComparedRefusal = () => MESSAGES.notCompared;

/** Only a finding that would warn (an error, a warning or a data-loss finding) is softened. */
const warns = (finding: Finding) => finding.severity === 'warning' || finding.severity === 'error' || Boolean(finding.destructive);

const soften = (finding: Finding, message: string): Finding => ({ ...finding, severity: 'info', destructive: false, message });

/** `where`: "path:line: " of the step the uncertainty comes from, when known. */
export function softenUncertainFindings(findings: Finding[], uncertain: ReadonlyMap<string, Uncertainty>, where: (u: Uncertainty) => string): Finding[] {
  if (uncertain.size === 0) return findings;
  return findings.map((finding) => {
    const uncertainty = uncertain.get(finding.table);
    if (!uncertainty || !warns(finding)) return finding;
    return soften(
      finding,
      uncertainty.location
        ? MESSAGES.uncertainStep(finding.message, uncertainty.reason, where(uncertainty))
        : MESSAGES.uncertain(finding.message, uncertainty.reason),
    );
  });
}

/** Uncertain columns of a table, with the reason (import-time calls that may add them). */
export type UncertainColumns = ReadonlyMap<string, { columns: ReadonlySet<string>; reason: string }>;

/** A finding that touches an uncertain column is info with the reason, like one on an uncertain table. */
export function softenUncertainColumns(findings: Finding[], columns: UncertainColumns): Finding[] {
  if (columns.size === 0) return findings;
  return findings.map((finding) => {
    const entry = columns.get(finding.table);
    const touched = [...(finding.columns ?? []), ...(finding.column ? [finding.column] : [])];
    if (!entry || !touched.some((c) => entry.columns.has(c)) || !warns(finding)) return finding;
    return soften(finding, MESSAGES.uncertain(finding.message, entry.reason));
  });
}

/**
 * No model found at all while the history has tables: the models are in a form this tool does not
 * read (or another ORM's), not a project that dropped every table. Every head table is uncertain.
 */
export function withUnseenModels(uncertain: ReadonlyMap<string, Uncertainty>, models: ModelSchema, head: Schema): ReadonlyMap<string, Uncertainty> {
  if (Object.keys(models.schema.tables).length > 0 || Object.keys(head.tables).length === 0) return uncertain;
  const all = new Map(uncertain);
  for (const table of Object.keys(head.tables)) if (!all.has(table)) all.set(table, { reason: MESSAGES.noModels });
  return all;
}

/** Whether no model was found at all while the history has tables (the result then compares nothing). */
export const modelsNotFound = (result: { notes: readonly Note[] }) => result.notes.some((n) => n.kind === 'no-models');

export function noModelsNote(): Note {
  return { severity: 'warning', kind: 'no-models', message: MESSAGES.noModels };
}

/** SQLAlchemy-Continuum tables built on something the models do not say plainly (continuum.ts): uncertain, with the reason. */
export function withVersionedDoubts(uncertain: ReadonlyMap<string, Uncertainty>, models: ModelSchema): ReadonlyMap<string, Uncertainty> {
  const doubts = models.versionedDoubts ?? [];
  if (doubts.length === 0) return uncertain;
  const out = new Map(uncertain);
  // No step location: the reason names the model's line, where its note stands.
  for (const doubt of doubts) if (!out.has(doubt.table)) out.set(doubt.table, { reason: doubt.reason });
  return out;
}

/**
 * With no model found, nothing was compared: no change is pending and no finding that rests on the
 * models stands (the no-models note says why). MG004 rests on the history alone and stays.
 */
export function withoutComparison<T extends { changes: Change[]; findings: Finding[]; renames: RenameReadings }>(diff: T): T {
  const restsOnModels = (f: Finding) => f.code !== MG004 && ruleFor(f.code)?.source === 'models';
  return { ...diff, changes: [], renames: { assumed: [], declined: [], ambiguous: [] }, findings: diff.findings.filter((f) => !restsOnModels(f)) };
}
