// The project's migration history as the database verbs need it (a HistoryView): the history
// engine's loaded graph, plus the schema at any set of heads and applyOps, memoized per run. The
// history itself comes from the project service (cli/project.ts), which decides whether it is usable.
import { applyOpInPlace } from '../core/history/apply/apply';
import type { History } from '../core/history/load';
import { upgradeSteps } from '../core/history/path';
import { replaySteps } from '../core/history/schemaAtRevision';
import { emptySchema, type Schema } from '../core/schema/types';
import type { Note } from '../core/source';
import type { HistoryView } from './plan';
import type { VersionTable } from '../core/history/versionTable';

export interface ProjectHistory extends HistoryView {
  history: History;
  heads: string[];
  /** Discovery, file and graph problems (duplicate ids, missing down revisions…). */
  notes: Note[];
}

export type HistoryResult = { ok: true; history: ProjectHistory } | { ok: false; message: string };

/** A HistoryView over an already-loaded History, recording revisions in `versionTable` (default alembic_version). */
export function historyView(history: History, versionTable?: VersionTable, offlineVersionTable?: VersionTable): ProjectHistory {
  const cache = new Map<string, Schema>();
  return {
    history,
    ...(versionTable ? { versionTable } : {}),
    ...(offlineVersionTable ? { offlineVersionTable } : {}),
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
