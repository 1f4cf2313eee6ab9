// Migration Guard: Downgrade to Here — an applied revision's item: undo everything after it.
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject, pickTarget, revisionArg } from './pick';

export async function downgradeToHere(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  const revision = item?.revision ?? (await pickTarget(project, 'downgrade'));
  return moveDatabase(ctx, project, { direction: 'downgrade', target: revision, title: vscode.l10n.t('Downgrade to {0}', revision) });
}
