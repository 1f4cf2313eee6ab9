// Migration Guard: Merge Heads — writes a merge revision joining every head, as `flask db merge heads`
// does (the CLI's `merge` verb), then opens it. No database is touched.
import * as vscode from 'vscode';
import { parseJsonOutput } from '../db/cliRunner';
import { Cancelled } from '../errors';
import { mergeArgs } from '../model/cliArgs';
import { notifyInfo } from '../notify';
import { requireTrust } from '../trust';
import { cliFailure, runCliTask } from './cliTask';
import type { MergeJson } from '../../../server/src/cliJson';
import type { CommandContext } from './context';
import { pickProject, projectDir } from './pick';

const TEXT = {
  get title() {
    return vscode.l10n.t('Merge Heads');
  },
  oneHead: (name: string) => vscode.l10n.t('{0} has a single head: there is nothing to merge.', name),
  prompt: (heads: string[]) => vscode.l10n.t('Message of the merge revision joining {0}', heads.join(', ')),
  written: (file: string) => vscode.l10n.t('Merge revision written: {0}. Review it, then upgrade.', file),
};

export async function mergeHeads(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  requireTrust(TEXT.title);
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const heads = project.graph?.heads ?? project.info.heads;
  if (heads.length < 2) {
    notifyInfo(ctx.output, TEXT.oneHead(project.info.name));
    return undefined;
  }
  const message = await vscode.window.showInputBox({ title: `Migration Guard: ${TEXT.title}`, prompt: TEXT.prompt(heads), value: 'merge heads' });
  if (message === undefined) throw new Cancelled();
  const result = await runCliTask(ctx, project, mergeArgs(projectDir(project), message), { title: TEXT.title, cancellable: false });
  if (result.exitCode !== 0) throw cliFailure(TEXT.title, result);
  const written = parseJsonOutput(result.stdout) as Partial<MergeJson> | undefined;
  await ctx.repository.refresh();
  if (!written?.path) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(written.path));
  await vscode.window.showTextDocument(document, { preview: false });
  ctx.output.info(TEXT.written(written.path));
  return written.path;
}
