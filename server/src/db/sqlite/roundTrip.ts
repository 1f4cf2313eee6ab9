// The round-trip check of a SQLite project on a scratch SQLite file in a temporary folder (never the
// project's app.db): the same walk as on PGlite, through the SQLite executor (batch-mode table copies
// included) and the SQLite introspector, compared with the replay in SQLite's spelling.
import * as l10n from '@vscode/l10n';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { versionGraphOf, type HistoryView } from '../plan';
import { notPlanned, untranslatableStep, walkRoundTrip, type RoundTripEngine, type RoundTripReport } from '../roundTrip';
import { SqliteConnection } from './driver';
import { executeSqliteMigration, readSqliteVersion } from './executor';
import { addedEnumLabels, introspectSqlite, sqliteView } from './introspect';
import { buildSqliteSteps, PLAN_MESSAGES } from './plan';

export const SQLITE_ROUNDTRIP_MESSAGES = {
  scratch: (file: string) => l10n.t('Scratch database: a new SQLite file {0} (your database is not touched; deleted afterwards)', file),
};

function sqliteEngine(conn: SqliteConnection, view: HistoryView): RoundTripEngine {
  const enums = addedEnumLabels(view.graph);
  return {
    heads: async () => (await readSqliteVersion(conn)) ?? [],
    run: async (step, current) => {
      const built = buildSqliteSteps(view, current, [step]);
      if (built.untranslatable.length > 0) return untranslatableStep(built.untranslatable);
      if (built.unsupported.length > 0)
        return notPlanned({ kind: 'sqlite-unsupported', places: built.unsupportedPlaces }, PLAN_MESSAGES.unsupported(built.unsupported));
      return executeSqliteMigration(conn, () => ({ ok: true, steps: built.steps }), {
        graph: versionGraphOf(view.graph),
        busyTimeoutMs: 10_000,
        backup: false,
      });
    },
    live: () => introspectSqlite(conn),
    expected: (heads) => sqliteView(view.schemaAt(heads), enums),
  };
}

/** Runs the check on a new SQLite file through `python`'s sqlite3, and always deletes it. */
export async function sqliteRoundTrip(
  view: HistoryView,
  opts: { python: string; lastRevisions: number; log?: (line: string) => void; onScratch?: (file: string) => void },
): Promise<RoundTripReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-roundtrip-'));
  const file = path.join(dir, 'scratch.db');
  try {
    opts.onScratch?.(file);
    const conn = await SqliteConnection.open(file, { python: opts.python, create: true });
    try {
      return await walkRoundTrip(sqliteEngine(conn, view), view, opts);
    } finally {
      await conn.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
