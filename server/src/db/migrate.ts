// One upgrade or downgrade, start to finish: the native executor when every revision on the path
// translates, the project's own Alembic when some don't and a Python is available, otherwise a
// refusal that names the lines, before anything touches the database.
import type { ClientBase } from 'pg';
import { readAlembicVersion } from './alembicVersion';
import { detectAlembicTool, runAlembic, type PythonTool } from './alembicFallback';
import { executeMigration, describeHeads, EXECUTION_TEXT, type ExecutionResult } from './executor';
import { historyPlanner, stepsFor, type HistoryView, type UntranslatableBody, describeUntranslatable, untranslatableItems, versionGraphOf } from './plan';
import * as l10n from '@vscode/l10n';
import { OUTCOME_TEXT, reasonText, type FallbackUnavailable, type Reason } from '../core/reasons';

const TEXT = {
  running: (why: string, command: string) => l10n.t("{0} Running the project's own Alembic: {1}", why, command),
  get noOutput() {
    return l10n.t('(no output)');
  },
  get executorSet() {
    return l10n.t('Executor set to alembic.');
  },
  untranslatableFallback: (lines: string) => l10n.t("Revisions hold Python the engine can't translate:\n{0}\n", lines),
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
  const headsBefore = (await readAlembicVersion(ctx.client, ctx.view.versionTable)) ?? [];
  log(TEXT.running(why, `${tool.python} ${[...tool.prefix, opts.verb, opts.target].join(' ')}`));
  const result = await runAlembic(ctx.projectDir, tool, opts.verb, opts.target, ctx.url);
  for (const line of result.output.split('\n').filter((l) => l.trim() !== '')) log(`  | ${line}`);
  const headsAfter = (await readAlembicVersion(ctx.client, ctx.view.versionTable)) ?? [];
  if (!result.ok) {
    return {
      status: 'failed',
      headsBefore,
      headsAfter,
      steps: [],
      failure: failureFor({
        kind: 'alembic-exited',
        tool: tool.kind === 'flask' ? 'flask db' : 'alembic',
        verb: opts.verb,
        exitCode: result.exitCode,
        lastLine: lastLine(result.output),
      }),
      summary: OUTCOME_TEXT.alembicFailed(describeHeads(headsAfter)),
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
      failure: failureFor({ kind: 'alembic-other-database', heads: headsAfter }),
      summary: OUTCOME_TEXT.alembicNotMigrated(describeHeads(headsAfter)),
    };
  }
  return {
    status: 'applied',
    headsBefore,
    headsAfter,
    steps: [],
    summary: OUTCOME_TEXT.alembicApplied(describeHeads(headsBefore), describeHeads(headsAfter)),
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
    if (!tool) return refusal({ kind: 'alembic-needs-python' });
    if (opts.dryRun) return refusal({ kind: 'alembic-dry-run' });
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
      ...(ctx.view.versionTable ? { versionTable: ctx.view.versionTable } : {}),
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
  const fallback: FallbackUnavailable = opts.dryRun ? 'dry-run' : executor === 'native' ? 'native' : 'no-python';
  const reason: Reason = { kind: 'untranslatable', fallback, items: untranslatableItems(untranslatable) };
  const message = reasonText(reason);
  return {
    ...result,
    failure: { revision: untranslatable[0]?.revision ?? null, statement: null, message, reason },
    summary: EXECUTION_TEXT.refused(message),
  };
}

function failureFor(reason: Reason): NonNullable<ExecutionResult['failure']> {
  return { revision: null, statement: null, message: reasonText(reason), reason };
}

function refusal(reason: Reason): ExecutionResult {
  return {
    status: 'refused',
    headsBefore: [],
    headsAfter: [],
    steps: [],
    failure: failureFor(reason),
    summary: TEXT.refused(reasonText(reason)),
  };
}
