// Migration Guard: Dry Run — runs the upgrade (to head, or to the chosen item) and rolls it back.
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject, revisionArg } from './pick';

export async function dryRun(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  const target = item?.revision ?? ((project.graph?.heads.length ?? 0) > 1 ? 'heads' : 'head');
  return moveDatabase(ctx, project, { direction: 'upgrade', target, title: vscode.l10n.t('Dry run of upgrade to {0}', target), dryRunOnly: true });
}
