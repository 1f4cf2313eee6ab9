// Migration Guard: Show Project and Database — a read-only page of what was found and where it came from.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { setupMarkdown, type SetupProject } from '../model/setupText';
import type { ProjectSnapshot } from '../views/projectRepository';
import type { CommandContext } from './context';

/** The files that made discovery take this folder for a project, as the user would look for them. */
const PROJECT_MARKERS = ['alembic.ini', join('migrations', 'env.py'), join('migrations', 'alembic.ini')];

function describe(p: ProjectSnapshot): SetupProject {
  const known = new Set((p.graph?.revisions ?? []).map((r) => r.id));
  const root = vscode.Uri.parse(p.info.root).fsPath;
  return {
    name: p.info.name,
    root,
    foundBy: PROJECT_MARKERS.filter((m) => existsSync(join(root, m))),
    versionDirs: p.info.versionDirs.map((d) => vscode.workspace.asRelativePath(vscode.Uri.parse(d), false)),
    modelFiles: p.info.modelFiles.length,
    heads: p.info.heads,
    revisions: p.graph?.revisions.length ?? 0,
    problems: p.info.problems,
    database: { ...p.database, unknown: (p.database.current ?? []).filter((id) => p.graph && !known.has(id)) },
  };
}

export async function showSetup(ctx: CommandContext): Promise<vscode.TextDocument> {
  if (!ctx.repository.isLoaded) await ctx.repository.refresh();
  const document = await ctx.previews.show(vscode.l10n.t('Migration Guard — project and database.md'), setupMarkdown(ctx.repository.projects.map(describe)), {
    language: 'markdown',
  });
  // The rendered page reads better; the read-only source stays open behind it if the preview is unavailable.
  await vscode.commands.executeCommand('markdown.showPreview', document.uri).then(undefined, () => undefined);
  return document;
}
