// Editor buffers and file-system events → the project caches. Each event only marks what changed
// (one model file, or the history) and schedules a debounced recompute of that project.
import path from 'node:path';
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import type { ProjectAnalysis } from '../core/project/analysis';
import type { ServerContext } from './context';
import { uriToPath } from './uris';

/** Above this many changes in one notification, the file is reparsed once instead of change by change. */
const MAX_INCREMENTAL_CHANGES = 3;
const PROJECT_MARKERS = new Set(['alembic.ini', 'env.py', 'script.py.mako']);

export function registerTextSync(ctx: ServerContext, rediscover: (folder: string) => void): void {
  const { connection, documents } = ctx;

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    const file = uriToPath(textDocument.uri);
    if (file === null) return;
    const project = ctx.workspace.projectOf(file);
    if (!project) return;
    touch(project, file, () => textDocument.text);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const changes = documents.change(textDocument.uri, textDocument.version, contentChanges);
    const file = uriToPath(textDocument.uri);
    if (changes === null || file === null) return;
    const project = ctx.workspace.projectOf(file);
    if (!project) return;
    if (project.isModelFile(file) && changes.length > MAX_INCREMENTAL_CHANGES) {
      // Many changes at once (replace-all, multi-cursor, formatting): one parse of the result is cheaper.
      project.setModelText(file, documents.text(textDocument.uri) ?? '');
    } else if (project.isModelFile(file)) {
      try {
        for (const change of changes) project.applyModelChange(file, change);
      } catch (error) {
        // The cache and the buffer disagree: start this file over from the buffer.
        ctx.log.warn(`incremental update of ${file} failed, re-reading it: ${(error as Error).message}`);
        project.setModelText(file, documents.text(textDocument.uri) ?? '');
      }
    } else {
      touch(project, file, () => documents.text(textDocument.uri) ?? '');
    }
    ctx.debouncer.schedule(project);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.close(textDocument.uri);
    const file = uriToPath(textDocument.uri);
    if (file === null) return;
    const project = ctx.workspace.projectOf(file);
    if (!project) return;
    // The buffer is gone; the disk is the truth again (unsaved edits were discarded).
    const text = ctx.readFile(file);
    if (project.isRevisionFile(file)) project.revisionChanged(file);
    else if (text === null) project.removeModelFile(file);
    else project.setModelText(file, text);
    ctx.debouncer.schedule(project);
  });

  connection.onDidChangeWatchedFiles((params: DidChangeWatchedFilesParams) => {
    const touched = new Set<ProjectAnalysis>();
    const folders = new Set<string>();
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (file === null) continue;
      if (PROJECT_MARKERS.has(path.basename(file)) || (change.type === FileChangeType.Deleted && !file.endsWith('.py'))) {
        const folder = ctx.workspace.folderOf(file);
        if (folder) folders.add(folder);
        continue;
      }
      if (!file.endsWith('.py')) continue;
      const project = ctx.workspace.projectOf(file);
      if (!project) continue;
      // An open buffer is newer than the disk; its own events keep the cache current.
      if (documents.get(change.uri) && change.type !== FileChangeType.Deleted) continue;
      if (project.isRevisionFile(file)) project.revisionChanged(file);
      else if (change.type === FileChangeType.Deleted) project.removeModelFile(file);
      else {
        const text = ctx.readFile(file);
        if (text === null) project.removeModelFile(file);
        else project.setModelText(file, text);
      }
      touched.add(project);
    }
    for (const folder of folders) rediscover(folder);
    for (const project of touched) ctx.debouncer.schedule(project);
  });

  function touch(project: ProjectAnalysis, file: string, text: () => string): void {
    if (project.isRevisionFile(file)) project.revisionChanged(file);
    else project.setModelText(file, text());
    ctx.debouncer.schedule(project);
  }
}
