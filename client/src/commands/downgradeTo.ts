// Migration Guard: Downgrade to… — a quick pick of the applied revisions below the current one (and base),
// then the same guarded flow as Downgrade One: dry run, a modal naming the data at risk, backups.
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject, pickTarget } from './pick';

export async function downgradeTo(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const target = await pickTarget(project, 'downgrade');
  return moveDatabase(ctx, project, { direction: 'downgrade', target, title: vscode.l10n.t('Downgrade to {0}', target) });
}
