// One upgrade or downgrade, start to finish: the native executor when every revision on the path
// translates, the project's own Alembic when some don't and a Python is available, otherwise a
// refusal that names the lines, before anything touches the database.
import type { ClientBase } from 'pg';
import { readAlembicVersion } from './alembicVersion';
import { detectAlembicTool, runAlembic, type PythonTool } from './alembicFallback';
import { executeMigration, describeHeads, type ExecutionResult } from './executor';
import { historyPlanner, stepsFor, type HistoryView, type UntranslatableBody, describeUntranslatable, versionGraphOf } from './plan';

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
  log(`${why} Running the project's own Alembic: ${tool.python} ${[...tool.prefix, opts.verb, opts.target].join(' ')}`);
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
        message: `${tool.kind === 'flask' ? 'flask db' : 'alembic'} ${opts.verb} exited with ${result.exitCode ?? 'an error'}: ${lastLine(result.output)}`,
      },
      summary: `The project's Alembic failed; the database is at ${describeHeads(headsAfter)}.`,
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
        message: `the project's Alembic finished, but this database still records ${describeHeads(headsAfter)}: the app's configuration points it at another database (make it read DATABASE_URL or SQLALCHEMY_DATABASE_URI)`,
      },
      summary: `The project's Alembic did not migrate this database; it is still at ${describeHeads(headsAfter)}.`,
    };
  }
  return {
    status: 'applied',
    headsBefore,
    headsAfter,
    steps: [],
    summary: `Applied by the project's Alembic: ${describeHeads(headsBefore)} → ${describeHeads(headsAfter)}.`,
  };
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines[lines.length - 1] ?? '(no output)';
}

/** Runs the migration; every outcome (including refusals) comes back as an ExecutionResult. */
export async function migrate(ctx: MigrationContext, opts: MigrateOptions): Promise<ExecutionResult> {
  const executor = opts.executor ?? 'auto';
  const findTool = () => (opts.python ? detectAlembicTool(ctx.projectDir, opts.python) : null);
  if (executor === 'alembic') {
    const tool = findTool();
    if (!tool) return refusal('--executor alembic needs a Python (--python or migrationGuard.pythonPath) and a Flask-Migrate or Alembic project');
    if (opts.dryRun) return refusal("a dry run needs the native executor: the project's Alembic can't roll back its own transaction for us");
    return viaAlembic(ctx, opts, tool, 'Executor set to alembic.');
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
    return viaAlembic(ctx, opts, tool, `Revisions hold Python the engine can't translate:\n${describeUntranslatable(untranslatable)}\n`);
  }
  const why = opts.dryRun
    ? "a dry run can't hand them to the project's Alembic"
    : executor === 'native'
      ? '--executor native forbids the Alembic fallback'
      : "no Python that can import the project's Alembic was found (pass --python)";
  const message = `revisions hold Python the engine can't translate, and ${why}:\n${describeUntranslatable(untranslatable)}`;
  return {
    ...result,
    failure: { revision: untranslatable[0]?.revision ?? null, statement: null, message },
    summary: `Refused before touching the database: ${message}`,
  };
}

function refusal(message: string): ExecutionResult {
  return {
    status: 'refused',
    headsBefore: [],
    headsAfter: [],
    steps: [],
    failure: { revision: null, statement: null, message },
    summary: `Refused: ${message}`,
  };
}
