// Plugin histories: `<package>/plugins/<name>/migrations/` folders of revision files that the app's
// own plugin runner applies after the core's history, each to its own head, on the same database
// (CTFd's CTFd/plugins/migrations.py records their versions in its config table, not in
// alembic_version). They shape the tables the app really has, so the head schema the models are
// compared with replays them after the core's heads; the database verbs leave them alone.
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import type { Note } from '../source';
import type { Schema } from '../schema/types';
import { RevisionGraph } from './graph';
import { newReplayGuard, replayStepsGuarded, type ReplayGuard, type Uncertainty } from './guardedReplay';
import { listRevisionFiles, type History } from './load';
import { cloneSchema } from '../schema/types';
import { upgradeSteps } from './path';
import type { ParsedRevision, VersionDirs } from './types';
import { walkFiles } from '../walk';

const PLUGIN_REVISION = /[\\/]plugins[\\/][^\\/]+[\\/]migrations[\\/][^\\/]+\.py$/;
const REVISION_ID = /^revision\s*(?::\s*str\s*)?=\s*['"][^'"]+['"]/m;

/**
 * Whether a path is a revision file of a plugin history by where it sits (`plugins/<name>/migrations/*.py`):
 * the editor re-reads the history when such a file changes, and never reads it as a model file.
 */
export function isPluginRevisionPath(file: string): boolean {
  return PLUGIN_REVISION.test(file) && path.basename(file) !== '__init__.py';
}

const MESSAGES = {
  replayed: (dir: string, heads: string[]) =>
    heads.length === 1
      ? l10n.t("plugin history {0} (run by the app's plugin loader after the core's migrations) replayed to its head {1}", dir, heads.join(', '))
      : l10n.t("plugin history {0} (run by the app's plugin loader after the core's migrations) replayed to its heads {1}", dir, heads.join(', ')),
};

/** Plugin migration folders below root (sorted), other than the project's own version folders. */
export function findPluginHistoryDirs(root: string, own: readonly string[], readFile: (file: string) => string | null): string[] {
  const ownDirs = new Set(own.map((d) => path.resolve(d)));
  const dirs = new Set<string>();
  for (const file of walkFiles(root, (name) => name.endsWith('.py') && name !== '__init__.py', { maxDepth: 6, maxFiles: 20_000 })) {
    if (!PLUGIN_REVISION.test(file)) continue;
    const dir = path.dirname(file);
    if (ownDirs.has(dir) || dirs.has(dir)) continue;
    if (REVISION_ID.test(readFile(file) ?? '')) dirs.add(dir);
  }
  return [...dirs].sort();
}

/**
 * Replays each plugin history (its revisions already parsed) onto `schema` in place, after the core's
 * heads, with the core's guard: steps it cannot apply make their tables uncertain, as in the core.
 */
export function replayPluginHistories(
  histories: readonly { dir: string; revisions: ParsedRevision[] }[],
  schema: Schema,
  guard: ReplayGuard,
  notes: Note[],
  relative: (file: string) => string,
): void {
  for (const { dir, revisions } of histories) {
    if (revisions.length === 0) continue;
    const graph = new RevisionGraph(revisions);
    const versionDirs: VersionDirs = { scriptLocation: dir, versionDirs: [dir], notes: [] };
    const history: History = { versionDirs, revisions, graph, notes: [] };
    replayStepsGuarded(history, schema, upgradeSteps(graph, [], graph.heads), notes, guard);
    notes.push({ severity: 'info', kind: 'plugin-history', message: MESSAGES.replayed(relative(dir), graph.heads) });
  }
}

export interface PluginReplayInput {
  root: string;
  /** The plugin folders (findPluginHistoryDirs). */
  dirs: readonly string[];
  /** The core's head schema; not changed (a copy is replayed onto). */
  schema: Schema;
  models: Schema | null;
  uncertain: Map<string, Uncertainty>;
  parse: (file: string) => ParsedRevision | null;
}

/** The core's head schema with every plugin history replayed after it; the input is returned as is when there is none. */
export function withPluginHistories(input: PluginReplayInput): { schema: Schema; notes: Note[]; uncertain: Map<string, Uncertainty> } {
  if (input.dirs.length === 0) return { schema: input.schema, notes: [], uncertain: input.uncertain };
  const schema = cloneSchema(input.schema);
  const guard = { ...newReplayGuard(input.models), uncertain: new Map(input.uncertain) };
  const notes: Note[] = [];
  const histories = input.dirs.map((dir) => ({
    dir,
    revisions: listRevisionFiles(dir, false, notes)
      .map(input.parse)
      .filter((r): r is ParsedRevision => r !== null),
  }));
  replayPluginHistories(histories, schema, guard, notes, (dir) => path.relative(input.root, dir));
  return { schema, notes, uncertain: guard.uncertain };
}
