// `migration-guard roundtrip DIR [--steps N]`: on a scratch database (never the configured one: an
// in-memory PGlite, or a new SQLite file for a SQLite project), upgrade base → head, then down and
// up the last N revisions, comparing schemas each step.
import * as l10n from '@vscode/l10n';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { loadProjectHistory } from '../project';
import { roundTrip, type RoundTripReport } from '../../db/roundTrip';
import { defaultPython } from '../../db/alembicFallback';
import { SQLITE_ROUNDTRIP_MESSAGES, sqliteRoundTrip } from '../../db/sqlite/roundTrip';
import { sqliteTargetOf } from '../../db/sqlite/open';
import { sessionOptions } from './current';

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const json = flag(args, 'format') === 'json';
  const stepsText = flag(args, 'steps') ?? '3';
  const steps = Number(stepsText);
  if (!Number.isInteger(steps) || steps < 0) throw new UsageError(l10n.t('--steps takes a whole number (got "{0}")', stepsText));
  const loaded = await loadProjectHistory(dir, flag(args, 'database-url'));
  if (!loaded.ok) {
    io.err(`migration-guard roundtrip: ${loaded.message}`);
    return EXIT.error;
  }
  const log = (line: string) => (json ? undefined : io.out(line));
  // A SQLite project is checked on SQLite (batch-mode copies and all), on a new scratch file.
  const sqlite = sqliteTargetOf(dir, sessionOptions(args));
  let report: RoundTripReport;
  if (sqlite) {
    const python = flag(args, 'python') ?? defaultPython(dir);
    try {
      report = await sqliteRoundTrip(loaded.history, {
        python,
        lastRevisions: steps,
        log,
        onScratch: (file) => (json ? undefined : io.err(SQLITE_ROUNDTRIP_MESSAGES.scratch(file))),
      });
    } catch (error) {
      io.err(`migration-guard roundtrip: ${(error as Error).message}`);
      return EXIT.error;
    }
  } else {
    if (!json) io.err(l10n.t('Scratch database: embedded PGlite in memory (your database is not touched)'));
    report = await roundTrip(loaded.history, { lastRevisions: steps, log });
  }
  if (json) io.out(JSON.stringify(report, null, 2));
  else io.out(report.summary);
  return report.ok ? EXIT.ok : EXIT.error;
}

export const roundtripCommand: CliCommand = {
  name: 'roundtrip',
  usage: 'roundtrip DIR [--steps N] [--python PY] [--format json]',
  get summary() {
    return l10n.t(
      'replay base → head on a scratch database (PGlite, or a new SQLite file for a SQLite project), then down/up the last N revisions, comparing schemas',
    );
  },
  run,
};
