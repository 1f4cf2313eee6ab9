// The custom requests of protocol.ts: project info, the revision graph with applied states, and
// the pending changes (with rename candidates the client asks the user about).
import * as l10n from '@vscode/l10n';
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { ProjectAnalysis, ProjectResult } from '../core/project/analysis';
import { formatNumber } from '../core/locale';
import { describeChange } from '../core/diff/describe';
import { blockingHistoryNotes } from '../core/project/readiness';
import { uninitializedProject } from '../core/project/uninitialized';
import { modelsNotFound, notComparedRefusal } from '../core/project/uncertainFindings';
import { revisionOrder, type Graph } from '../core/project/graphView';
import {
  PendingChangesRequest,
  ProjectsRequest,
  RevisionGraphRequest,
  type PendingChangesResult,
  type RenameChoice,
  type ProjectParams,
  type ProjectInfo,
  type RevisionGraphResult,
  type RevisionInfo,
  type RevisionState,
} from '../protocol';
import type { ServerContext } from './context';
import { pathToUri, projectUri, sectionOfUri, uriToPath } from './uris';

const TEXT = {
  get noProject() {
    return l10n.t('No Alembic / Flask-Migrate project found in the workspace (looked for alembic.ini and migrations/env.py).');
  },
  notInitialized: (migrations: string) =>
    l10n.t('There is no migrations folder yet ({0} does not exist). The app uses Flask-Migrate: run `flask db init` in a terminal first.', migrations),
  whichProject: (count: number) => l10n.t('The workspace holds {0} projects; say which one.', formatNumber(count)),
  notInProject: (hint: string) => l10n.t('No Migration Guard project contains {0}.', hint),
  severalHeads: (heads: string) => l10n.t('several heads ({0}): merge them with "flask db merge heads" before creating a migration', heads),
};

export function projectFor(ctx: ServerContext, hint: string | undefined): ProjectAnalysis {
  const file = hint === undefined ? undefined : (uriToPath(hint) ?? undefined);
  const project = ctx.workspace.findProject(file, hint === undefined ? undefined : sectionOfUri(hint));
  if (project) return project;
  const count = ctx.workspace.projects().length;
  // A Flask-Migrate app before `flask db init`: say what to run, not only what is missing.
  const uninitialized = count === 0 ? ctx.workspace.folders.map(uninitializedProject).find((p) => p !== null) : undefined;
  const message = uninitialized
    ? TEXT.notInitialized(uninitialized.scriptLocation)
    : count === 0
      ? TEXT.noProject
      : hint === undefined
        ? TEXT.whichProject(count)
        : TEXT.notInProject(hint);
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

function problemsOf(result: ProjectResult, project: ProjectAnalysis): string[] {
  // Several heads get one plain message below, not one per head file.
  const errors = blockingHistoryNotes([...project.location.notes, ...result.graphNotes]).filter((n) => n.kind !== 'multiple-heads');
  const out = errors.map((n) => n.message);
  if (result.revisionParent === null && result.heads.length > 1) out.push(TEXT.severalHeads(result.heads.join(', ')));
  if (modelsNotFound(result)) out.push(notComparedRefusal());
  return [...new Set(out)];
}

function projectInfo(ctx: ServerContext, project: ProjectAnalysis): ProjectInfo {
  const result = ctx.freshResult(project);
  const root = project.location.root;
  const folder = root.split(/[\\/]/).pop() ?? root;
  return {
    root: projectUri(project.location),
    name: project.location.iniSection === undefined ? folder : `${folder} [${project.location.iniSection}]`,
    versionDirs: project.location.versionDirs.map(pathToUri),
    modelFiles: project.modelFiles.map(pathToUri),
    heads: result.heads,
    pendingChanges: result.changes.length,
    findings: result.findings.length,
    problems: problemsOf(result, project),
    ...(modelsNotFound(result) ? { modelsNotFound: true } : {}),
  };
}

/** Applied states: every ancestor of a recorded revision is applied; the recorded ones are current. */
function states(graph: Graph, ids: string[], current: string[] | null): Map<string, RevisionState> {
  const out = new Map<string, RevisionState>(ids.map((id) => [id, current === null ? 'unknown' : 'pending']));
  if (current === null) return out;
  const known = current.filter((id) => graph.has(id));
  for (const id of graph.ancestors(known)) if (out.has(id)) out.set(id, 'applied');
  for (const id of known) out.set(id, 'current');
  return out;
}

function revisionGraph(ctx: ServerContext, project: ProjectAnalysis): RevisionGraphResult {
  const result = ctx.freshResult(project);
  const ordered = revisionOrder(result.graph);
  const current = result.database?.current ?? null;
  const state = states(
    result.graph,
    ordered.map((r) => r.id),
    current,
  );
  const children = new Map<string, number>();
  for (const r of ordered) for (const parent of r.downRevisions) children.set(parent, (children.get(parent) ?? 0) + 1);
  const revisions: RevisionInfo[] = ordered.map((r) => ({
    id: r.id,
    message: r.parsed.message,
    uri: pathToUri(r.parsed.path),
    range: r.parsed.location.range,
    downRevisions: r.downRevisions,
    branchLabels: r.parsed.branchLabels,
    isHead: result.heads.includes(r.id),
    isBase: r.downRevisions.length === 0,
    isMerge: r.downRevisions.length > 1,
    isBranchPoint: (children.get(r.id) ?? 0) > 1,
    state: state.get(r.id) ?? 'unknown',
  }));
  // Discovery notes (alembic.ini, versions folders) and replay notes: the client groups them under one node.
  const errors = [...project.location.notes, ...result.graphNotes].map((n) => ({
    message: n.message,
    severity: n.severity,
    kind: n.kind,
    ...(n.location ? { uri: pathToUri(n.location.file), range: n.location.range } : {}),
  }));
  return { project: projectUri(project.location), revisions, heads: result.heads, current, errors };
}

function pendingChanges(ctx: ServerContext, project: ProjectAnalysis): PendingChangesResult {
  const result = ctx.freshResult(project);
  const sources = result.modelSchema.sources.tables;
  return {
    project: projectUri(project.location),
    changes: result.changes.map((c) => {
      const location = c.table ? (c.column ? sources[c.table]?.columns[c.column]?.location : sources[c.table]?.location) : undefined;
      const removed = c.kind === 'dropColumn' || c.kind === 'dropTable';
      return {
        description: describeChange(c),
        kind: c.kind,
        table: c.table ?? null,
        column: c.column ?? null,
        ...(location && !removed ? { uri: pathToUri(location.file), range: location.range } : {}),
      };
    }),
    findings: result.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      uri: pathToUri(f.file),
      range: f.range,
      table: f.table,
      column: f.column ?? null,
      destructive: f.destructive,
    })),
    renameCandidates: result.renames.assumed,
    ambiguousRenames: result.renames.ambiguous.flatMap((g) => g.readings.filter((r) => r.length === 1).map((r) => r[0] as RenameChoice)),
    tables: Object.entries(sources).map(([name, table]) => ({
      name,
      uri: pathToUri(table.location.file),
      range: table.location.range,
      columns: Object.entries(table.columns).map(([column, source]) => ({ name: column, uri: pathToUri(source.location.file), range: source.location.range })),
    })),
  };
}

export function registerRequests(ctx: ServerContext, ready: Promise<void>): void {
  const { connection } = ctx;
  // By method name: the client and the server bundle different vscode-jsonrpc versions, whose typed
  // message objects do not type-check across the two; the wire format is the same.
  connection.onRequest(ProjectsRequest.method, async (): Promise<ProjectInfo[]> => {
    await ready;
    return ctx.workspace.projects().map((p) => projectInfo(ctx, p));
  });
  connection.onRequest(RevisionGraphRequest.method, async (params: ProjectParams | undefined): Promise<RevisionGraphResult> => {
    await ready;
    return revisionGraph(ctx, projectFor(ctx, params?.project));
  });
  connection.onRequest(PendingChangesRequest.method, async (params: ProjectParams | undefined): Promise<PendingChangesResult> => {
    await ready;
    return pendingChanges(ctx, projectFor(ctx, params?.project));
  });
}
