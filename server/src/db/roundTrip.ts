// The round-trip check, on a scratch database (never the user's): upgrade from base one revision at
// a time to head, then step down and back up through the last N revisions, and after every step
// compare the live schema with the replayed schema at that revision. The walk is the same for every
// engine; a RoundTripEngine runs one step and reads the schema back (PGlite here, SQLite in sqlite/roundTrip.ts).
import type { ClientBase } from 'pg';
import type { RevisionStep } from '../core/history/types';
import type { Schema } from '../core/schema/types';
import { diffSchemas } from '../core/diff';
import { schemaToJson } from '../core/schema/json';
import { readAlembicVersion } from './alembicVersion';
import { connectDatabase } from './connect';
import { startEmbeddedDatabase } from './embedded';
import { executeMigration, type ExecutionResult } from './executor';
import { buildSteps, stepsFor, versionGraphOf, type HistoryView } from './plan';
import { introspectSchema } from './introspect';
import { untranslatableItems } from './plan';
import { NOTE_AS_WRITTEN, reasonText, type Reason } from '../core/reasons';
import { outcomeText, ROUNDTRIP_TEXT, type RoundTripOutcome } from './roundTripText';
import { schemasOfOps } from '../core/schema/tableKey';

const TEXT = ROUNDTRIP_TEXT;

export interface RoundTripStep {
  revision: string;
  direction: 'up' | 'down';
  ok: boolean;
  message: string;
  /** What the step found, as data (./roundTripText.ts), for wording it in another language. */
  outcome?: RoundTripOutcome;
}

export interface RoundTripReport {
  ok: boolean;
  summary: string;
  steps: RoundTripStep[];
}

/** How one engine runs a single revision step on its scratch database and reads the result back. */
export interface RoundTripEngine {
  heads(): Promise<string[]>;
  /** Runs one step natively; a reason is why it could not even be planned. */
  run(step: RevisionStep, current: string[]): Promise<ExecutionResult | NotPlanned>;
  live(): Promise<Schema>;
  /** The replayed schema in the engine's own spelling. */
  expected(heads: string[]): Schema;
}

/** Why a step could not be planned, and the words the CLI prints for it. */
export interface NotPlanned {
  reason: Reason;
  message: string;
}

/** A reason the step could not be planned, worded as the CLI words it. */
export function notPlanned(reason: Reason, message = reasonText(reason)): NotPlanned {
  return { reason, message };
}

/** A step holds Python the engine cannot run (every engine refuses the same way). */
export function untranslatableStep(bodies: Parameters<typeof untranslatableItems>[0]): NotPlanned {
  return notPlanned({ kind: 'untranslatable', fallback: 'scratch', items: untranslatableItems(bodies) });
}

const notRun = (reason: Reason | null, statement: string | null, databaseMessage?: string): RoundTripOutcome => ({
  kind: 'not-run',
  reason,
  statement,
  ...(databaseMessage !== undefined ? { databaseMessage } : {}),
});

/** The step's line as the CLI prints it (the outcome worded with each note's own sentence). */
const wordedAsWritten = (outcome: RoundTripOutcome, fallback: string) => outcomeText(outcome, NOTE_AS_WRITTEN) ?? fallback;

/** One `upgrade`/`downgrade` of the walk, one revision at a time, comparing after each. */
async function stepOnce(engine: RoundTripEngine, view: HistoryView, verb: 'upgrade' | 'downgrade', spec: string): Promise<RoundTripStep[]> {
  const steps = stepsFor(view.graph, verb, await engine.heads(), spec);
  if (!steps.ok) {
    return [{ revision: spec, direction: verb === 'upgrade' ? 'up' : 'down', ok: false, message: steps.message, outcome: notRun(steps.reason, null) }];
  }
  const reports: RoundTripStep[] = [];
  for (const step of steps.steps) {
    const result = await engine.run(step, await engine.heads());
    if (!('status' in result)) {
      reports.push({ ...step, ok: false, message: result.message, outcome: notRun(result.reason, null) });
      return reports;
    }
    if (result.status !== 'applied') {
      const f = result.failure;
      const message = f?.message ?? result.summary;
      const reason = f?.reason ?? null;
      const outcome = notRun(reason, f?.statement ?? null, reason?.kind === 'database-error' || !reason ? message : undefined);
      reports.push({ ...step, ok: false, message: f?.statement ? TEXT.failedIn(message, f.statement) : message, outcome });
      return reports;
    }
    const live = await engine.live();
    const expected = engine.expected(result.headsAfter);
    const same = JSON.stringify(schemaToJson(live)) === JSON.stringify(schemaToJson(expected));
    if (same) {
      const outcome: RoundTripOutcome = { kind: 'matches', at: result.headsAfter };
      reports.push({ ...step, ok: true, message: wordedAsWritten(outcome, ''), outcome });
    } else {
      const outcome: RoundTripOutcome = { kind: 'differs', at: result.headsAfter, changes: diffSchemas(expected, live) };
      reports.push({ ...step, ok: false, message: wordedAsWritten(outcome, ''), outcome });
      return reports;
    }
  }
  return reports;
}

/** The walk: base → heads, down the last N one at a time, back up to heads. */
export async function walkRoundTrip(
  engine: RoundTripEngine,
  view: HistoryView,
  opts: { lastRevisions: number; log?: (line: string) => void },
): Promise<RoundTripReport> {
  const log = opts.log ?? (() => undefined);
  const steps: RoundTripStep[] = [];
  const record = (found: RoundTripStep[]) => {
    for (const s of found) log(`${s.ok ? '✓' : '✗'} ${s.direction === 'up' ? 'up  ' : 'down'} ${s.revision}: ${s.message}`);
    steps.push(...found);
    return found.every((s) => s.ok);
  };
  let ok = record(await stepOnce(engine, view, 'upgrade', 'heads'));
  const n = Math.max(0, Math.floor(opts.lastRevisions));
  let down = 0;
  while (ok && down < n && (await engine.heads()).length > 0) {
    ok = record(await stepOnce(engine, view, 'downgrade', '-1'));
    down++;
  }
  if (ok && down > 0) record(await stepOnce(engine, view, 'upgrade', 'heads'));
  const failed = steps.find((s) => !s.ok);
  const summary = failed
    ? TEXT.failed(failed.direction, failed.revision, failed.message)
    : TEXT.passed(steps.filter((s) => s.direction === 'up').length - down, down);
  return { ok: !failed, summary, steps };
}

function pgliteEngine(client: ClientBase, view: HistoryView): RoundTripEngine {
  return {
    heads: async () => (await readAlembicVersion(client)) ?? [],
    run: async (step, current) => {
      const built = buildSteps(view, current, [step]);
      if (built.untranslatable.length > 0) return untranslatableStep(built.untranslatable);
      return executeMigration(client, () => ({ ok: true, steps: built.steps }), { graph: versionGraphOf(view.graph), backup: false });
    },
    live: () =>
      introspectSchema(client, { alsoSchemas: schemasOfOps([...view.graph.revisions.values()].flatMap((r) => [...r.upgrade.ops, ...r.downgrade.ops])) }),
    expected: (heads) => view.schemaAt(heads),
  };
}

/** Runs the whole check on a fresh in-memory PGlite and always shuts it down. */
export async function roundTrip(view: HistoryView, opts: { lastRevisions: number; log?: (line: string) => void }): Promise<RoundTripReport> {
  const scratch = await startEmbeddedDatabase();
  try {
    const client = await connectDatabase(scratch.url);
    try {
      return await walkRoundTrip(pgliteEngine(client, view), view, opts);
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await scratch.close();
  }
}
