// Migration Guard: Get Started with Alembic and Flask-Migrate — opens the walkthrough (package.json
// contributes.walkthroughs); also opened once on the first run that finds a project.
import * as vscode from 'vscode';
import type { CommandContext } from './context';

export const WALKTHROUGH = 'gettingStarted';
const SHOWN_KEY = 'migrationGuard.walkthroughShown';

export async function gettingStarted(ctx: CommandContext): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH}`, false);
}

/** Opens the walkthrough the first time a project is found on this machine, unless the user turned that off. */
export async function openWalkthroughOnFirstRun(ctx: CommandContext): Promise<boolean> {
  if (ctx.extension.globalState.get<boolean>(SHOWN_KEY)) return false;
  if (ctx.repository.projects.length === 0) return false;
  const ours = vscode.workspace.getConfiguration('migrationGuard').get<boolean>('showWalkthroughOnFirstRun', true);
  const workbench = vscode.workspace.getConfiguration().get<boolean>('workbench.welcomePage.walkthroughs.openOnInstall', true);
  if (!ours || !workbench) return false;
  await ctx.extension.globalState.update(SHOWN_KEY, true);
  await gettingStarted(ctx);
  return true;
}
