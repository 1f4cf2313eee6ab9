// Recomputes one project and publishes its diagnostics: every file with diagnostics, and an empty
// list for files that had some last time. Work for document versions the editor has since moved past
// is abandoned between steps; the recompute those edits scheduled publishes instead.
import type { ProjectAnalysis } from '../core/project/analysis';
import { ProjectChangedNotification } from '../protocol';
import type { ServerContext } from './context';
import { projectDiagnostics } from './diagnostics';
import { settleHeap } from './heapGrowth';
import { pathToUri, projectUri } from './uris';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Computes in steps, yielding to the message loop between them; an edit that arrives meanwhile moves
 * the project's generation on, and this run gives up (the recompute that edit scheduled publishes).
 */
export async function recomputeAndPublish(ctx: ServerContext, project: ProjectAnalysis): Promise<void> {
  const generation = project.generation;
  const versionOf = (file: string) => ctx.documents.version(pathToUri(file));
  let byFile;
  try {
    const steps = project.resultSteps();
    let step = steps.next();
    while (!step.done) {
      await nextTurn();
      if (project.generation !== generation) return;
      step = steps.next();
    }
    byFile = projectDiagnostics(step.value, project.location.root, versionOf);
  } catch (error) {
    ctx.log.error(`analysis of ${project.location.root} failed`, error);
    return;
  }
  if (project.generation !== generation || ctx.debouncer.isPending(project)) return;

  const firstPublish = !ctx.published.has(project);
  const previous = ctx.published.get(project) ?? new Set<string>();
  const now = new Set<string>();
  const sent: Promise<void>[] = [];
  for (const [file, diagnostics] of byFile) {
    const uri = pathToUri(file);
    now.add(uri);
    const version = ctx.documents.version(uri);
    sent.push(ctx.connection.sendDiagnostics({ uri, diagnostics, ...(version !== null ? { version } : {}) }));
  }
  // Open model files with nothing to report still get an (empty) publish for their current version,
  // so the editor knows the result is fresh.
  for (const doc of ctx.documents.all()) {
    if (now.has(doc.uri)) continue;
    const owner = ctx.projectOfUri(doc.uri);
    if (owner !== project) continue;
    now.add(doc.uri);
    sent.push(ctx.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [], version: doc.version }));
  }
  for (const uri of previous) {
    if (!now.has(uri)) void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  ctx.published.set(project, now);
  // The next start reads unchanged files from the persistent cache instead of parsing them. Written
  // once the diagnostics are: the connection writes in a later turn, so writing the cache here first
  // held the first diagnostics back by the whole write (~75 ms of CPU with a 47,500-line revision).
  if (firstPublish) {
    const afterFirstPublish = () => {
      ctx.workspace.flushCaches();
      settleHeap();
    };
    void Promise.all(sent).then(afterFirstPublish, afterFirstPublish);
  }
  ctx.database?.maybeRefresh(project);
  // Views refresh on this; tell the client only when what they show changed, not on every keystroke.
  const summary = summaryOf(project);
  if (ctx.summaries.get(project) !== summary) {
    ctx.summaries.set(project, summary);
    void ctx.connection.sendNotification(ProjectChangedNotification.method, { project: projectUri(project.location) });
  }
}

function summaryOf(project: ProjectAnalysis): string {
  const result = project.result();
  return JSON.stringify([
    result.heads,
    result.revisions.map((r) => [r.revision, r.path, r.downRevisions, r.message]),
    result.changes.map((c) => [c.kind, c.table, c.column, 'renamedFrom' in c ? c.renamedFrom : undefined]),
    result.findings.map((f) => [f.code, f.table, f.column, f.message]),
    result.database,
  ]);
}

/** Clears everything a project published (its folder was removed or rediscovered). */
export function clearProject(ctx: ServerContext, project: ProjectAnalysis): void {
  for (const uri of ctx.published.get(project) ?? []) void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  ctx.published.delete(project);
  ctx.summaries.delete(project);
}
