// `migration-guard sql DIR [FROM:]TO`: the SQL an upgrade (or downgrade) over a revision range
// would run, from the replayed ops of the revision files, formatted — like `flask db upgrade --sql`,
// including the alembic_version bookkeeping, in one transaction.
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { describeUnloadable, unloadableRevisionNotes } from '../../core/history/importable';
import type { History } from '../../core/history/load';
import type { RevisionStep } from '../../core/history/types';
import { blockingNotes, describeUntranslatable, type UntranslatableBody } from '../../db/plan';
import { pathBetween } from '../../core/history/path';
import { resolveRevision } from '../../core/history/resolve';
import { applyOpInPlace } from '../../core/history/apply/apply';
import { duringReplay } from '../../core/history/apply/tableList';
import { replaySteps, stepOps } from '../../core/history/schemaAtRevision';
import { upgradeSteps } from '../../core/history/path';
import { formatStatements, opsToSql } from '../../core/render/sql';
import { emptySchema } from '../../core/schema/types';
import type { Note } from '../../core/source';
import { createVersionTableSql, versionChange, versionStatementSql, type VersionGraph, type VersionStatement } from '../../db/alembicVersion';
import { versionTableSql } from '../../core/history/versionTable';
import { openCliProject } from '../project';
import { describeNote } from './check';

/** The notes of the body a step runs. */
function stepNotes(history: History, step: RevisionStep): Note[] {
  const revision = history.graph.revisions.get(step.revision);
  if (!revision) return [];
  return (step.direction === 'up' ? revision.upgrade : revision.downgrade).notes;
}

/** `a:b` → ["a", "b"]; `b` → ["base", "b"]. */
export function parseRange(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon < 0) return ['base', text];
  return [text.slice(0, colon) || 'base', text.slice(colon + 1) || 'head'];
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const [fromSpec, toSpec] = parseRange(args.positionals[1] ?? 'head');
  const opened = openCliProject(dir, undefined, flag(args, 'database-url'));
  if (!opened.ok) {
    io.err(`migration-guard sql: ${opened.message}`);
    return EXIT.error;
  }
  const root = path.resolve(dir);
  const history = await opened.project.history();
  const graph = history.graph;
  const from = resolveRevision(graph, fromSpec);
  if (!from.ok) {
    io.err(`migration-guard sql: ${from.error}`);
    return EXIT.error;
  }
  const route = pathBetween(graph, from.revisions, toSpec);
  if (!route.ok) {
    io.err(`migration-guard sql: ${route.error}`);
    return EXIT.error;
  }
  const refusal = unrunnableHistory(history, route.steps, root);
  if (refusal) {
    io.err(`migration-guard sql: ${refusal}`);
    return EXIT.error;
  }
  const notes: Note[] = [];
  // The script is what `flask db upgrade --sql` writes: env.py's offline configure decides the table.
  const versionTable = opened.project.versionTable().offline;
  const versionSql = (statement: VersionStatement) => versionStatementSql(statement, versionTable);
  const schema = emptySchema();
  replaySteps(history, schema, upgradeSteps(graph, [], from.revisions), []);
  const versions: VersionGraph = {
    parents: (id) => graph.parents(id),
    isAncestor: (ancestor, descendant) => ancestor !== descendant && graph.ancestors([descendant]).has(ancestor),
  };
  let heads = [...from.revisions];
  const steps: { revision: string; direction: 'up' | 'down'; statements: string[] }[] = [];
  const parts: string[] = ['BEGIN;'];
  if (from.revisions.length === 0 && route.steps.some((s) => s.direction === 'up')) parts.push(`${createVersionTableSql(versionTable)};`);
  // One table list for the whole route (as the replay keeps): a schema of a thousand tables is slow to list per op.
  duringReplay(schema, () => {
    for (const step of route.steps) {
      const ops = stepOps(history, step);
      const parents = graph.parents(step.revision);
      const label =
        step.direction === 'up'
          ? `-- Running upgrade ${parents.join(', ')} -> ${step.revision}`
          : `-- Running downgrade ${step.revision} -> ${parents.join(', ')}`;
      // Op by op against the schema as it stands, as the executor's plan does: an enum type made by
      // op.execute('CREATE TYPE ...') is then known (and quoted) in the columns that use it.
      notes.push(...stepNotes(history, step));
      const statements: string[] = [];
      for (const op of ops) {
        statements.push(...opsToSql([op], schema));
        applyOpInPlace(schema, op, notes);
      }
      const change = versionChange(heads, step, versions);
      heads = change.heads;
      steps.push({ revision: step.revision, direction: step.direction, statements: [...statements, ...change.statements.map(versionSql)] });
      parts.push(label);
      for (const statement of statements) {
        // Like Alembic's autocommit_block: CONCURRENTLY runs between transactions.
        if (/^CREATE (UNIQUE )?INDEX CONCURRENTLY/.test(statement)) parts.push('COMMIT;', formatStatements([statement]), 'BEGIN;');
        else parts.push(formatStatements([statement]));
      }
      parts.push(...change.statements.map((s) => `${versionSql(s)};`));
    }
  });
  if (from.revisions.length > 0 && heads.length === 0 && route.steps.some((s) => s.direction === 'down'))
    parts.push(`DROP TABLE ${versionTableSql(versionTable)};`);
  parts.push('COMMIT;');
  for (const note of [...history.notes, ...notes].filter((n) => n.severity === 'error' || n.severity === 'warning')) io.err(describeNote(note, root));
  if (flag(args, 'format') === 'json') io.out(JSON.stringify({ from: from.revisions, to: heads, steps }, null, 2));
  else io.out(parts.join('\n\n'));
  return EXIT.ok;
}

/**
 * Why no script can be printed for this route, or null: a revision file Alembic cannot load, or a
 * statement on the route the engine cannot translate (the script would silently lack it).
 */
export function unrunnableHistory(history: History, steps: readonly RevisionStep[], root: string): string | null {
  const relative = (file: string) => path.relative(root, file) || file;
  const unloadable = unloadableRevisionNotes(history.revisions);
  if (unloadable.length > 0) return `${MESSAGES.unloadable}\n${describeUnloadable(unloadable, relative)}`;
  const untranslatable: UntranslatableBody[] = [];
  for (const step of steps) {
    const revision = history.graph.revisions.get(step.revision);
    if (!revision) continue;
    const blocking = blockingNotes(step.direction === 'up' ? revision.upgrade : revision.downgrade);
    if (blocking.length > 0) untranslatable.push({ revision: step.revision, direction: step.direction, file: revision.path, notes: blocking });
  }
  return untranslatable.length > 0 ? `${MESSAGES.untranslatable}\n${describeUntranslatable(untranslatable)}` : null;
}

const MESSAGES = {
  get unloadable() {
    return l10n.t('no SQL printed: Python cannot import these revision files, so Alembic would refuse to run any of them:');
  },
  get untranslatable() {
    return l10n.t(
      "no SQL printed: these statements are Python the engine can't translate to SQL, so the script would silently lack them (run `flask db upgrade --sql` for the exact script):",
    );
  },
};

export const sqlCommand: CliCommand = {
  name: 'sql',
  usage: 'sql DIR [FROM:]TO [--format json]',
  get summary() {
    return l10n.t('print the SQL an upgrade or downgrade over a revision range would run (like flask db upgrade --sql)');
  },
  run,
};
