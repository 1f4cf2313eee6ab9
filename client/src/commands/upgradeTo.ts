// Migration Guard: Upgrade to… — the palette's way to a chosen revision: a quick pick of the pending
// revisions with their state, then the same guarded flow as Upgrade to Head.
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject, pickTarget } from './pick';

export async function upgradeTo(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const target = await pickTarget(project, 'upgrade');
  return moveDatabase(ctx, project, { direction: 'upgrade', target, title: vscode.l10n.t('Upgrade to {0}', target) });
}
