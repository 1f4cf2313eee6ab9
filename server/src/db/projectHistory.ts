// The project's migration history as the database verbs need it (a HistoryView): the history
// engine's loaded graph, plus the schema at any set of heads and applyOps, memoized per run.
import { applyOpInPlace } from '../core/history/apply/apply';
import { unloadableRevisionNotes } from '../core/history/importable';
import { loadHistoryLazily, type History, type LoadHistoryOptions } from '../core/history/load';
import { upgradeSteps } from '../core/history/path';
import { replaySteps } from '../core/history/schemaAtRevision';
import { emptySchema, type Schema } from '../core/schema/types';
import type { Note } from '../core/source';
import type { HistoryView } from './plan';
import * as l10n from '@vscode/l10n';

export interface ProjectHistory extends HistoryView {
  history: History;
  heads: string[];
  /** Discovery, file and graph problems (duplicate ids, missing down revisions…). */
  notes: Note[];
}

export type HistoryResult = { ok: true; history: ProjectHistory } | { ok: false; message: string };

/** A HistoryView over an already-loaded History. */
export function historyView(history: History): ProjectHistory {
  const cache = new Map<string, Schema>();
  return {
    history,
    graph: history.graph,
    heads: history.graph.heads,
    notes: history.notes,
    schemaAt(heads) {
      const key = [...heads].sort().join(',');
      let schema = cache.get(key);
      if (!schema) {
        schema = emptySchema();
        replaySteps(history, schema, upgradeSteps(history.graph, [], [...heads]), []);
        cache.set(key, schema);
      }
      return schema;
    },
    applyOpsInPlace(schema, ops) {
      const sink: Note[] = [];
      for (const op of ops) applyOpInPlace(schema, op, sink);
    },
  };
}

/** Reads DIR's migrations (alembic.ini / Flask-Migrate migrations/); a message when there are none. */
export async function loadProjectHistory(projectDir: string, options: LoadHistoryOptions = {}): Promise<HistoryResult> {
  const history = await loadHistoryLazily(projectDir, options);
  if (history.revisions.length === 0) {
    const why = history.notes.find((n) => n.severity === 'error' || n.kind === 'no-migrations' || n.kind === 'config')?.message;
    return { ok: false, message: why ? l10n.t('no revision files found in {0}: {1}', projectDir, why) : l10n.t('no revision files found in {0}', projectDir) };
  }
  const broken = [...unloadableRevisionNotes(history.revisions), ...history.graph.notes.filter((n) => n.severity === 'error')];
  if (broken.length > 0) {
    const lines = broken.map((n) => `  ${n.location ? `${n.location.file}:${n.location.range.start.line + 1}: ` : ''}${n.message}`);
    return { ok: false, message: l10n.t('the revision history is broken; fix these first:\n{0}', lines.join('\n')) };
  }
  return { ok: true, history: historyView(history) };
}
