// `migration-guard upgrade DIR [REV]` (and, through makeMigrateCommand, `downgrade DIR REV`):
// apply migrations to the database in one transaction, like `flask db upgrade`, with --dry-run,
// --sql (print the script instead), backups before destructive steps and the Alembic fallback.
import * as l10n from '@vscode/l10n';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { hasVersionTable, readAlembicVersion } from '../../db/alembicVersion';
import { defaultPython } from '../../db/alembicFallback';
import { migrate, type ExecutorKind } from '../../db/migrate';
import { offlineScript } from '../../db/offlineSql';
import { parseDuration } from '../../db/options';
import { buildSteps, describeUntranslatable, stepsFor, versionGraphOf } from '../../db/plan';
import { loadProjectHistory } from '../project';
import type { ProjectHistory } from '../../db/projectHistory';
import { exitCodeOf, formatExecution } from '../../db/report';
import { openProjectDatabase } from '../../db/session';
import { sqliteTargetOf } from '../../db/sqlite/open';
import { sessionOptions } from './current';
import { sqliteMigrate } from './sqliteVerbs';
import { CLI_TEXT } from '../text';

const TEXT = {
  executor: (value: string) => l10n.t('--executor takes {0} (got "{1}")', EXECUTORS.join(', '), value),
  noDatabase: (verb: string, why: string) => l10n.t('migration-guard {0}: {1}\n(or give the starting revision: {0} DIR FROM:TO --sql)', verb, why),
  untranslatable: (verb: string, lines: string) =>
    l10n.t(
      "migration-guard {0}: no SQL printed: these revisions hold Python the engine can't translate (run `flask db {0} --sql` for the exact script):\n{1}",
      verb,
      lines,
    ),
};
import { defaultUpgradeTarget } from '../../core/history/parent';

const EXECUTORS: ExecutorKind[] = ['auto', 'native', 'alembic'];

function executorOf(args: ParsedArgs): ExecutorKind {
  const value = (flag(args, 'executor') ?? 'auto') as ExecutorKind;
  if (!EXECUTORS.includes(value)) throw new UsageError(TEXT.executor(value));
  return value;
}

function lockTimeoutOf(args: ParsedArgs): number {
  try {
    return parseDuration(flag(args, 'lock-timeout'), 'lock-timeout', 10_000, 'ms');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--sql`: the script from FROM (or the database's revision) to TO, printed instead of run. */
async function printSql(verb: 'upgrade' | 'downgrade', dir: string, spec: string, history: ProjectHistory, args: ParsedArgs, io: CliIO): Promise<number> {
  const colon = spec.indexOf(':');
  let from: string[];
  let tableExists: boolean;
  let target = spec;
  if (colon >= 0) {
    const fromSpec = spec.slice(0, colon);
    target = spec.slice(colon + 1);
    from = fromSpec === 'base' || fromSpec === '' ? [] : fromSpec.split(',');
    tableExists = from.length > 0;
  } else {
    const opened = await openProjectDatabase(dir, sessionOptions(args));
    if (!opened.ok) {
      if (opened.reason) io.reason?.(opened.reason);
      io.err(TEXT.noDatabase(verb, opened.message));
      return EXIT.error;
    }
    try {
      from = (await readAlembicVersion(opened.session.client, history.versionTable)) ?? [];
      tableExists = await hasVersionTable(opened.session.client, history.versionTable);
    } finally {
      await opened.session.close();
    }
  }
  const steps = stepsFor(history.graph, verb, from, target);
  if (!steps.ok) {
    io.err(`migration-guard ${verb}: ${steps.message}`);
    return EXIT.error;
  }
  const built = buildSteps(history, from, steps.steps);
  if (built.untranslatable.length > 0) {
    // A script silently missing statements is worse than none: `| psql` would run it.
    io.err(TEXT.untranslatable(verb, describeUntranslatable(built.untranslatable)));
    return EXIT.error;
  }
  io.out(offlineScript(built.steps, from, versionGraphOf(history.graph), tableExists, history.offlineVersionTable));
  return EXIT.ok;
}

export function makeMigrateCommand(verb: 'upgrade' | 'downgrade'): CliCommand {
  async function run(args: ParsedArgs, io: CliIO): Promise<number> {
    const dir = args.positionals[0] ?? '.';
    const explicitSpec = args.positionals[1];
    const json = flag(args, 'format') === 'json';
    const executor = executorOf(args);
    const lockTimeoutMs = lockTimeoutOf(args);
    const sql = flag(args, 'sql') === 'true';
    const sqlite = sqliteTargetOf(dir, sessionOptions(args));
    // The connection is under way while the revision files are read.
    const opening = sql || sqlite ? null : openProjectDatabase(dir, sessionOptions(args));
    const loaded = await loadProjectHistory(dir, flag(args, 'database-url'));
    if (!loaded.ok) {
      void opening?.then((o) => (o.ok ? o.session.close() : undefined)).catch(() => undefined);
      io.err(`migration-guard ${verb}: ${loaded.message}`);
      return EXIT.error;
    }
    // Flask-Alembic upgrades every independent branch ("heads"); Flask-Migrate goes to "head".
    const spec = explicitSpec ?? (verb === 'upgrade' ? defaultUpgradeTarget(loaded.history.history.versionDirs) : '-1');
    if (sqlite) return sqliteMigrate(verb, dir, spec, sqlite, loaded.history, args, io, lockTimeoutMs);
    if (!opening) return printSql(verb, dir, spec, loaded.history, args, io);
    const opened = await opening;
    if (!opened.ok) {
      if (opened.reason) io.reason?.(opened.reason);
      io.err(`migration-guard ${verb}: ${opened.message}`);
      return EXIT.error;
    }
    const { session } = opened;
    try {
      if (!json) io.err(CLI_TEXT.database(session.description));
      const dryRun = flag(args, 'dry-run') === 'true';
      const result = await migrate(
        { projectDir: dir, client: session.client, url: session.url, view: loaded.history },
        {
          verb,
          target: spec,
          dryRun,
          backup: flag(args, 'no-backup') !== 'true',
          lockTimeoutMs,
          executor,
          python: flag(args, 'python') ?? (executor === 'native' ? null : defaultPython(dir)),
          log: (line) => (json ? undefined : io.err(line)),
        },
      );
      if (json) io.out(JSON.stringify({ ...result, database: session.description }, null, 2));
      else io.out(formatExecution(result, { showStatements: dryRun || result.status === 'failed' }));
      return exitCodeOf(result);
    } finally {
      await session.close();
    }
  }
  return {
    name: verb,
    usage: `${verb} DIR [${verb === 'upgrade' ? 'REV' : 'REV'}] [--dry-run] [--sql] [--database-url URL] [--lock-timeout MS] [--no-backup] [--keep-backups N] [--executor auto|native|alembic] [--python PATH] [--format json]`,
    get summary() {
      return verb === 'upgrade'
        ? l10n.t('apply migrations up to REV (default head) in one transaction')
        : l10n.t('revert migrations down to REV (default -1) in one transaction');
    },

    booleanFlags: ['dry-run', 'sql', 'no-backup'],
    run,
  };
}

export const upgradeCommand = makeMigrateCommand('upgrade');
