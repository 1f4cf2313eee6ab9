// Migration Guard: Show SQL — the formatted SQL of one revision (from its item) or of a range (from the
// palette), opened as a read-only SQL preview (never an Untitled buffer to save). Nothing touches the database.
import * as vscode from 'vscode';
import { Cancelled } from '../errors';
import { revisionRange, sqlArgs } from '../model/cliArgs';
import { sqlRangeChoices } from '../model/targetChoices';
import { cliFailure, runCliTask } from './cliTask';
import type { CommandContext } from './context';
import { pickProject, revisionArg } from './pick';

export async function showSql(ctx: CommandContext, arg?: unknown): Promise<vscode.TextDocument> {
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  let range: { from: string | null; to: string };
  let title: string;
  if (item) {
    const rev = project.graph?.revisions.find((r) => r.id === item.revision);
    range = revisionRange(item.revision, rev?.downRevisions ?? []);
    title = vscode.l10n.t('SQL of {0}', item.revision);
  } else {
    const picked = await vscode.window.showQuickPick(sqlRangeChoices(project.graph, project.database.current), {
      title: vscode.l10n.t('Migration Guard: Show SQL for…'),
      matchOnDescription: true,
    });
    if (!picked) throw new Cancelled();
    range = picked;
    title = vscode.l10n.t('SQL of {0}', picked.label);
  }
  const result = await runCliTask(ctx, project, sqlArgs(vscode.Uri.parse(project.info.root).fsPath, range.from, range.to), { title });
  if (result.exitCode !== 0) throw cliFailure(title, result);
  return ctx.previews.show(`${title}.sql`, result.stdout, { language: 'sql' });
}
