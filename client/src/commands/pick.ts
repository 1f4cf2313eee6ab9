// Picking the project and the revision a command acts on: from a tree item when invoked from the view,
// else from the active editor, else by asking.
import * as vscode from 'vscode';
import { Cancelled, UserFacingError } from '../errors';
import type { Direction } from '../model/confirmation';
import { snapshotFromGraph } from '../model/graphAdapter';
import { targetChoices } from '../model/targetChoices';
import type { ProjectSnapshot } from '../views/projectRepository';
import type { MigrationsElement } from '../views/migrationsProvider';
import type { CommandContext } from './context';

export function isRevisionElement(arg: unknown): arg is Extract<MigrationsElement, { kind: 'revision' }> {
  return typeof arg === 'object' && arg !== null && (arg as MigrationsElement).kind === 'revision';
}

/** The revision id of a Migrations view item, or undefined for palette invocations. */
export function revisionArg(arg: unknown): { project: string; revision: string } | undefined {
  if (isRevisionElement(arg)) return { project: arg.project, revision: arg.node.id.replace(/^revision:/, '') };
  return undefined;
}

function containing(projects: readonly ProjectSnapshot[], uri: vscode.Uri | undefined): ProjectSnapshot | undefined {
  if (!uri) return undefined;
  const text = uri.toString();
  return projects
    .filter((p) => text === p.info.root || text.startsWith(p.info.root.endsWith('/') ? p.info.root : `${p.info.root}/`))
    .sort((a, b) => b.info.root.length - a.info.root.length)[0];
}

export async function pickProject(ctx: CommandContext, root?: string): Promise<ProjectSnapshot> {
  if (!ctx.repository.isLoaded) await ctx.repository.refresh();
  const projects = ctx.repository.projects;
  if (root !== undefined) {
    const found = ctx.repository.project(root);
    if (found) return found;
  }
  if (projects.length === 0) {
    throw new UserFacingError(vscode.l10n.t('No Alembic / Flask-Migrate project found in this workspace (looked for alembic.ini and migrations/env.py).'));
  }
  if (projects.length === 1) return projects[0] as ProjectSnapshot;
  const fromEditor = containing(projects, vscode.window.activeTextEditor?.document.uri);
  if (fromEditor) return fromEditor;
  const picked = await vscode.window.showQuickPick(
    projects.map((p) => ({ label: p.info.name, description: vscode.Uri.parse(p.info.root).fsPath, project: p })),
    { title: vscode.l10n.t('Migration Guard: choose a project'), placeHolder: vscode.l10n.t('Which project?') },
  );
  if (!picked) throw new Cancelled();
  return picked.project;
}

/** Asks for a revision of the project (newest first); extra entries such as "head" / "base" come first. */
export async function pickRevision(project: ProjectSnapshot, title: string, extras: { label: string; description: string }[] = []): Promise<string> {
  const revisions = [...(project.graph?.revisions ?? [])].reverse();
  const items = [
    ...extras.map((e) => ({ label: e.label, description: e.description, revision: e.label })),
    ...revisions.map((r) => ({ label: r.id, description: r.message ?? '', revision: r.id })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Revision'), matchOnDescription: true });
  if (!picked) throw new Cancelled();
  return picked.revision;
}

const TARGET_TEXT = {
  get noHistory() {
    return vscode.l10n.t('The revision history of this project could not be read; see the notes in the Migrations view.');
  },
  get nothing() {
    return vscode.l10n.t('There is no revision to move to.');
  },
  get upgrade() {
    return { title: vscode.l10n.t('Migration Guard: Upgrade to…'), placeHolder: vscode.l10n.t('Apply every revision up to and including the one you pick') };
  },
  get downgrade() {
    return { title: vscode.l10n.t('Migration Guard: Downgrade to…'), placeHolder: vscode.l10n.t('Undo every revision above the one you pick') };
  },
};

/** Asks where to move the database, listing only revisions the move can reach, each with its state. */
export async function pickTarget(project: ProjectSnapshot, direction: Direction): Promise<string> {
  if (!project.graph) throw new UserFacingError(TARGET_TEXT.noHistory);
  const { choices, empty } = targetChoices(direction, snapshotFromGraph(project.graph, project.database.current));
  if (choices.length === 0) throw new UserFacingError(empty ?? TARGET_TEXT.nothing);
  const text = TARGET_TEXT[direction];
  const picked = await vscode.window.showQuickPick(choices, {
    title: text.title,
    placeHolder: text.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) throw new Cancelled();
  return picked.target;
}

export function projectDir(project: ProjectSnapshot): string {
  return vscode.Uri.parse(project.info.root).fsPath;
}
