// The round-trip check, on a scratch in-memory PGlite (never the user's database): upgrade from
// base one revision at a time to head, then step down and back up through the last N revisions,
// and after every step compare the live schema with the replayed schema at that revision.
import type { ClientBase } from 'pg';
import { diffSchemas } from '../core/diff';
import { schemaToJson } from '../core/schema/json';
import { readAlembicVersion } from './alembicVersion';
import { connectDatabase } from './connect';
import { describeDrift } from '../core/diff/describe';
import { startEmbeddedDatabase } from './embedded';
import { executeMigration, describeHeads } from './executor';
import { buildSteps, describeUntranslatable, stepsFor, versionGraphOf, type HistoryView } from './plan';
import { introspectSchema } from './introspect';

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

/** One step of the walk: run it natively, then compare live with replayed. Null when it passed. */
async function stepOnce(client: ClientBase, view: HistoryView, verb: 'upgrade' | 'downgrade', spec: string): Promise<RoundTripStep[]> {
  const heads = (await readAlembicVersion(client)) ?? [];
  const steps = stepsFor(view.graph, verb, heads, spec);
  if (!steps.ok) return [{ revision: spec, direction: verb === 'upgrade' ? 'up' : 'down', ok: false, message: steps.message }];
  const reports: RoundTripStep[] = [];
  for (const step of steps.steps) {
    const current = (await readAlembicVersion(client)) ?? [];
    const built = buildSteps(view, current, [step]);
    if (built.untranslatable.length > 0) {
      reports.push({ ...step, ok: false, message: `holds Python the engine can't translate:\n${describeUntranslatable(built.untranslatable)}` });
      return reports;
    }
    const result = await executeMigration(client, () => ({ ok: true, steps: built.steps }), { graph: versionGraphOf(view.graph), backup: false });
    if (result.status !== 'applied') {
      const f = result.failure;
      reports.push({ ...step, ok: false, message: `${f?.message ?? result.summary}${f?.statement ? ` in: ${f.statement}` : ''}` });
      return reports;
    }
    const live = await introspectSchema(client);
    const expected = view.schemaAt(result.headsAfter);
    const same = JSON.stringify(schemaToJson(live)) === JSON.stringify(schemaToJson(expected));
    const at = describeHeads(result.headsAfter);
    if (same) reports.push({ ...step, ok: true, message: `schema matches the replay at ${at}` });
    else {
      const differences = diffSchemas(expected, live).map((c) => describeDrift(c, at));
      reports.push({ ...step, ok: false, message: `schema differs from the replay at ${at}: ${differences.join('; ') || 'column order or names differ'}` });
      return reports;
    }
  }
  return reports;
}

/** Runs the whole check on a fresh in-memory PGlite and always shuts it down. */
export async function roundTrip(view: HistoryView, opts: { lastRevisions: number; log?: (line: string) => void }): Promise<RoundTripReport> {
  const log = opts.log ?? (() => undefined);
  const scratch = await startEmbeddedDatabase();
  const steps: RoundTripStep[] = [];
  const record = (found: RoundTripStep[]) => {
    for (const s of found) log(`${s.ok ? '✓' : '✗'} ${s.direction === 'up' ? 'up  ' : 'down'} ${s.revision}: ${s.message}`);
    steps.push(...found);
    return found.every((s) => s.ok);
  };
  try {
    const client = await connectDatabase(scratch.url);
    try {
      let ok = record(await stepOnce(client, view, 'upgrade', 'heads'));
      const n = Math.max(0, Math.floor(opts.lastRevisions));
      let down = 0;
      while (ok && down < n && ((await readAlembicVersion(client)) ?? []).length > 0) {
        ok = record(await stepOnce(client, view, 'downgrade', '-1'));
        down++;
      }
      if (ok && down > 0) ok = record(await stepOnce(client, view, 'upgrade', 'heads'));
      const failed = steps.find((s) => !s.ok);
      const summary = failed
        ? `Round trip failed at ${failed.direction === 'up' ? 'upgrade to' : 'downgrade of'} ${failed.revision}: ${failed.message}`
        : `Round trip passed: base → head (${steps.filter((s) => s.direction === 'up').length - down} revision(s)), then down and up the last ${down}, schemas matched the replay at every step.`;
      return { ok: !failed, summary, steps };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await scratch.close();
  }
}
