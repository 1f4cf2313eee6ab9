// One upgrade or downgrade, start to finish: the native executor when every revision on the path
// translates, the project's own Alembic when some don't and a Python is available, otherwise a
// refusal that names the lines, before anything touches the database.
import type { ClientBase } from 'pg';
import { readAlembicVersion } from './alembicVersion';
import { detectAlembicTool, runAlembic, type PythonTool } from './alembicFallback';
import { executeMigration, describeHeads, EXECUTION_TEXT, type ExecutionResult } from './executor';
import { historyPlanner, stepsFor, type HistoryView, type UntranslatableBody, describeUntranslatable, versionGraphOf } from './plan';
import * as l10n from '@vscode/l10n';

const TEXT = {
  running: (why: string, command: string) => l10n.t("{0} Running the project's own Alembic: {1}", why, command),
  exited: (tool: string, verb: string, exitCode: number | null, lastLine: string) =>
    exitCode === null
      ? l10n.t('{0} {1} exited with an error: {2}', tool, verb, lastLine)
      : l10n.t('{0} {1} exited with {2}: {3}', tool, verb, String(exitCode), lastLine),
  failed: (heads: string) => l10n.t("The project's Alembic failed; the database is at {0}.", heads),
  otherDatabase: (heads: string) =>
    l10n.t(
      "the project's Alembic finished, but this database still records {0}: the app's configuration points it at another database (make it read DATABASE_URL or SQLALCHEMY_DATABASE_URI)",
      heads,
    ),
  notMigrated: (heads: string) => l10n.t("The project's Alembic did not migrate this database; it is still at {0}.", heads),
  applied: (from: string, to: string) => l10n.t("Applied by the project's Alembic: {0} → {1}.", from, to),
  get noOutput() {
    return l10n.t('(no output)');
  },
  get needsPython() {
    return l10n.t('--executor alembic needs a Python (--python or migrationGuard.pythonPath) and a Flask-Migrate or Alembic project');
  },
  get dryRunNative() {
    return l10n.t("a dry run needs the native executor: the project's Alembic can't roll back its own transaction for us");
  },
  get executorSet() {
    return l10n.t('Executor set to alembic.');
  },
  untranslatableFallback: (lines: string) => l10n.t("Revisions hold Python the engine can't translate:\n{0}\n", lines),
  get whyDryRun() {
    return l10n.t("a dry run can't hand them to the project's Alembic");
  },
  get whyNative() {
    return l10n.t('--executor native forbids the Alembic fallback');
  },
  get whyNoPython() {
    return l10n.t("no Python that can import the project's Alembic was found (pass --python)");
  },
  untranslatable: (why: string, lines: string) => l10n.t("revisions hold Python the engine can't translate, and {0}:\n{1}", why, lines),
  refused: (why: string) => l10n.t('Refused: {0}', why),
};

export type ExecutorKind = 'auto' | 'native' | 'alembic';

export interface MigrateOptions {
  verb: 'upgrade' | 'downgrade';
  /** Alembic revision spec: head, heads, base, -1, +2, a partial id, label@head… */
  target: string;
  dryRun?: boolean;
  backup?: boolean;
  lockTimeoutMs?: number;
  executor?: ExecutorKind;
  /** The Python for the Alembic fallback; null when none is configured or found. */
  python?: string | null;
  log?: (line: string) => void;
}

export interface MigrationContext {
  projectDir: string;
  client: ClientBase;
  /** The connection URL, only handed to the Alembic fallback's environment. */
  url: string;
  view: HistoryView;
}

async function viaAlembic(ctx: MigrationContext, opts: MigrateOptions, tool: PythonTool, why: string): Promise<ExecutionResult> {
  const log = opts.log ?? (() => undefined);
  const headsBefore = (await readAlembicVersion(ctx.client)) ?? [];
  log(TEXT.running(why, `${tool.python} ${[...tool.prefix, opts.verb, opts.target].join(' ')}`));
  const result = await runAlembic(ctx.projectDir, tool, opts.verb, opts.target, ctx.url);
  for (const line of result.output.split('\n').filter((l) => l.trim() !== '')) log(`  | ${line}`);
  const headsAfter = (await readAlembicVersion(ctx.client)) ?? [];
  if (!result.ok) {
    return {
      status: 'failed',
      headsBefore,
      headsAfter,
      steps: [],
      failure: {
        revision: null,
        statement: null,
        message: TEXT.exited(tool.kind === 'flask' ? 'flask db' : 'alembic', opts.verb, result.exitCode, lastLine(result.output)),
      },
      summary: TEXT.failed(describeHeads(headsAfter)),
    };
  }
  const pending = stepsFor(ctx.view.graph, opts.verb, headsBefore, opts.target);
  if (pending.ok && pending.steps.length > 0 && headsAfter.join() === headsBefore.join()) {
    // It ran, but not on this database: the app takes its URL from somewhere other than DATABASE_URL.
    return {
      status: 'failed',
      headsBefore,
      headsAfter,
      steps: [],
      failure: {
        revision: null,
        statement: null,
        message: TEXT.otherDatabase(describeHeads(headsAfter)),
      },
      summary: TEXT.notMigrated(describeHeads(headsAfter)),
    };
  }
  return {
    status: 'applied',
    headsBefore,
    headsAfter,
    steps: [],
    summary: TEXT.applied(describeHeads(headsBefore), describeHeads(headsAfter)),
  };
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines[lines.length - 1] ?? TEXT.noOutput;
}

/** Runs the migration; every outcome (including refusals) comes back as an ExecutionResult. */
export async function migrate(ctx: MigrationContext, opts: MigrateOptions): Promise<ExecutionResult> {
  const executor = opts.executor ?? 'auto';
  const findTool = () => (opts.python ? detectAlembicTool(ctx.projectDir, opts.python) : null);
  if (executor === 'alembic') {
    const tool = findTool();
    if (!tool) return refusal(TEXT.needsPython);
    if (opts.dryRun) return refusal(TEXT.dryRunNative);
    return viaAlembic(ctx, opts, tool, TEXT.executorSet);
  }
  let untranslatable: UntranslatableBody[] = [];
  const planner = historyPlanner(ctx.view, opts.verb, opts.target);
  const result = await executeMigration(
    ctx.client,
    (heads) => {
      const plan = planner(heads);
      untranslatable = plan.untranslatable ?? [];
      return plan;
    },
    {
      graph: versionGraphOf(ctx.view.graph),
      ...(opts.lockTimeoutMs !== undefined ? { lockTimeoutMs: opts.lockTimeoutMs } : {}),
      dryRun: opts.dryRun ?? false,
      backup: opts.backup ?? true,
      ...(opts.log ? { log: opts.log } : {}),
    },
  );
  if (result.status !== 'refused' || untranslatable.length === 0) return result;
  // Nothing was touched. Hand the whole path to the project's Alembic when we can, so it runs in one go.
  const tool = executor === 'auto' && !opts.dryRun ? findTool() : null;
  if (tool) {
    return viaAlembic(ctx, opts, tool, TEXT.untranslatableFallback(describeUntranslatable(untranslatable)));
  }
  const why = opts.dryRun ? TEXT.whyDryRun : executor === 'native' ? TEXT.whyNative : TEXT.whyNoPython;
  const message = TEXT.untranslatable(why, describeUntranslatable(untranslatable));
  return {
    ...result,
    failure: { revision: untranslatable[0]?.revision ?? null, statement: null, message },
    summary: EXECUTION_TEXT.refused(message),
  };
}

function refusal(message: string): ExecutionResult {
  return {
    status: 'refused',
    headsBefore: [],
    headsAfter: [],
    steps: [],
    failure: { revision: null, statement: null, message },
    summary: TEXT.refused(message),
  };
}
