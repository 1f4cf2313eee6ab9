// The round-trip check, on a scratch database (never the user's): upgrade from base one revision at
// a time to head, then step down and back up through the last N revisions, and after every step
// compare the live schema with the replayed schema at that revision. The walk is the same for every
// engine; a RoundTripEngine runs one step and reads the schema back (PGlite here, SQLite in sqlite/roundTrip.ts).
import type { ClientBase } from 'pg';
import type { RevisionStep } from '../core/history/types';
import type { Schema } from '../core/schema/types';
import { formatNumber } from '../core/locale';
import { diffSchemas } from '../core/diff';
import { schemaToJson } from '../core/schema/json';
import { readAlembicVersion } from './alembicVersion';
import { connectDatabase } from './connect';
import { describeDrift } from '../core/diff/describe';
import { startEmbeddedDatabase } from './embedded';
import { executeMigration, describeHeads, type ExecutionResult } from './executor';
import { buildSteps, describeUntranslatable, stepsFor, versionGraphOf, type HistoryView } from './plan';
import { introspectSchema } from './introspect';
import * as l10n from '@vscode/l10n';
import { revisionsText } from './counts';

const TEXT = {
  untranslatable: (lines: string) => l10n.t("holds Python the engine can't translate:\n{0}", lines),
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
};

export interface RoundTripStep {
  revision: string;
  direction: 'up' | 'down';
  ok: boolean;
  message: string;
}

export interface RoundTripReport {
  ok: boolean;
  summary: string;
  steps: RoundTripStep[];
}

/** How one engine runs a single revision step on its scratch database and reads the result back. */
export interface RoundTripEngine {
  heads(): Promise<string[]>;
  /** Runs one step natively; a string is why it could not even be planned. */
  run(step: RevisionStep, current: string[]): Promise<ExecutionResult | string>;
  live(): Promise<Schema>;
  /** The replayed schema in the engine's own spelling. */
  expected(heads: string[]): Schema;
}

/** Why a step holds Python the engine cannot run (every engine refuses the same way). */
export const untranslatableStep = (lines: string) => TEXT.untranslatable(lines);

/** One `upgrade`/`downgrade` of the walk, one revision at a time, comparing after each. */
async function stepOnce(engine: RoundTripEngine, view: HistoryView, verb: 'upgrade' | 'downgrade', spec: string): Promise<RoundTripStep[]> {
  const steps = stepsFor(view.graph, verb, await engine.heads(), spec);
  if (!steps.ok) return [{ revision: spec, direction: verb === 'upgrade' ? 'up' : 'down', ok: false, message: steps.message }];
  const reports: RoundTripStep[] = [];
  for (const step of steps.steps) {
    const result = await engine.run(step, await engine.heads());
    if (typeof result === 'string') {
      reports.push({ ...step, ok: false, message: result });
      return reports;
    }
    if (result.status !== 'applied') {
      const f = result.failure;
      const message = f?.message ?? result.summary;
      reports.push({ ...step, ok: false, message: f?.statement ? TEXT.failedIn(message, f.statement) : message });
      return reports;
    }
    const live = await engine.live();
    const expected = engine.expected(result.headsAfter);
    const same = JSON.stringify(schemaToJson(live)) === JSON.stringify(schemaToJson(expected));
    const at = describeHeads(result.headsAfter);
    if (same) reports.push({ ...step, ok: true, message: TEXT.matches(at) });
    else {
      const differences = diffSchemas(expected, live).map((c) => describeDrift(c, at));
      reports.push({ ...step, ok: false, message: TEXT.differs(at, differences.join('; ') || TEXT.orderDiffers) });
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
      if (built.untranslatable.length > 0) return TEXT.untranslatable(describeUntranslatable(built.untranslatable));
      return executeMigration(client, () => ({ ok: true, steps: built.steps }), { graph: versionGraphOf(view.graph), backup: false });
    },
    live: () => introspectSchema(client),
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
