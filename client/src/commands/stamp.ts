// Migration Guard: Stamp — records a revision in alembic_version without running any migration
// (`flask db stamp`), after a modal that says exactly that.
import * as vscode from 'vscode';
import { Cancelled } from '../errors';
import { parseJsonOutput } from '../db/cliRunner';
import { stampArgs } from '../model/cliArgs';
import { notifyInfo } from '../notify';
import { requireTrust } from '../trust';
import { cliFailure, runCliTask } from './cliTask';
import { stampSummary } from '../model/runOutcome';
import type { CommandContext } from './context';
import { databaseFor } from './movement';
import { pickProject, pickRevision, projectDir, revisionArg } from './pick';

export async function stamp(ctx: CommandContext, arg?: unknown): Promise<void> {
  requireTrust(vscode.l10n.t('Stamp'));
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  const revision =
    item?.revision ??
    (await pickRevision(project, vscode.l10n.t('Stamp the database as being at…'), [
      { label: 'head', description: vscode.l10n.t('the latest revision') },
      { label: 'base', description: vscode.l10n.t('no revision (empties alembic_version)') },
    ]));
  const database = await databaseFor(ctx, project);
  const confirm = vscode.l10n.t('Stamp');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Stamp {0} as being at {1}?', database.label, revision),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Only alembic_version changes; no migration runs and the schema stays as it is. Use it when the schema already matches that revision.',
      ),
    },
    confirm,
  );
  if (answer !== confirm) throw new Cancelled();
  const result = await runCliTask(ctx, project, stampArgs(projectDir(project), revision), {
    title: vscode.l10n.t('Stamp {0}', revision),
    ...(database.url !== undefined ? { databaseUrl: database.url } : {}),
  });
  if (result.exitCode !== 0) throw cliFailure(vscode.l10n.t('Stamp {0}', revision), result);
  const summary = stampSummary(parseJsonOutput(result.stdout), revision);
  ctx.output.info(summary);
  ctx.databases.databaseChanged(project.info.root);
  await ctx.repository.refresh();
  notifyInfo(ctx.output, summary);
}
