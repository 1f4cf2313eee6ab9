// Migration Guard: Upgrade to Here — a pending revision's item in the Migrations view.
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject, pickTarget, revisionArg } from './pick';

export async function upgradeToHere(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  const revision = item?.revision ?? (await pickTarget(project, 'upgrade'));
  return moveDatabase(ctx, project, { direction: 'upgrade', target: revision, title: vscode.l10n.t('Upgrade to {0}', revision) });
}
