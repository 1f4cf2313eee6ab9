// Migration Guard: Refresh — re-reads projects, revisions, pending changes and the database's revision.
import * as vscode from 'vscode';
import type { CommandContext } from './context';

export async function refresh(ctx: CommandContext): Promise<void> {
  await vscode.commands.executeCommand('migrationGuard.internal.reloadModels');
  await ctx.repository.refresh({ database: true });
}
