// Migration Guard: Downgrade One — `flask db downgrade` (relative -1).
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject } from './pick';

export async function downgradeOne(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  return moveDatabase(ctx, project, { direction: 'downgrade', target: '-1', title: vscode.l10n.t('Downgrade one revision') });
}
