// `migration-guard roundtrip DIR [--steps N]`: on a scratch in-memory PGlite (never the configured
// database), upgrade base → head, then down and up the last N revisions, comparing schemas each step.
import * as l10n from '@vscode/l10n';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { loadProjectHistory } from '../../db/projectHistory';
import { projectCacheAt } from '../cache';
import { roundTrip } from '../../db/roundTrip';

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const json = flag(args, 'format') === 'json';
  const stepsText = flag(args, 'steps') ?? '3';
  const steps = Number(stepsText);
  if (!Number.isInteger(steps) || steps < 0) throw new UsageError(`--steps takes a whole number (got "${stepsText}")`);
  const loaded = await loadProjectHistory(dir, { cache: projectCacheAt(dir).revisions });
  if (!loaded.ok) {
    io.err(`migration-guard roundtrip: ${loaded.message}`);
    return EXIT.error;
  }
  if (!json) io.err('Scratch database: embedded PGlite in memory (your database is not touched)');
  const report = await roundTrip(loaded.history, { lastRevisions: steps, log: (line) => (json ? undefined : io.out(line)) });
  if (json) io.out(JSON.stringify(report, null, 2));
  else io.out(report.summary);
  return report.ok ? EXIT.ok : EXIT.error;
}

export const roundtripCommand: CliCommand = {
  name: 'roundtrip',
  usage: 'roundtrip DIR [--steps N] [--format json]',
  get summary() {
    return l10n.t('replay base → head on a scratch PGlite, then down/up the last N revisions, comparing schemas');
  },
  run,
};
