// Migration Guard: Create Migration — like `flask db migrate -m MSG`: asks for the message, asks which
// drop+add pairs are renames, then the language server writes the revision file; we open it.
import * as vscode from 'vscode';
import type { CreateMigrationParams, PendingChangesResult, RenameChoice } from '../../../server/src/protocol';
import { formatNumber } from '../../../server/src/core/locale';
import { Cancelled, UserFacingError } from '../errors';
import { ambiguousRenameDetail, renameDetail, renameLabel, suggestMessage, validateMessage } from '../model/createMigration';
import type { CommandContext } from './context';
import { pickProject } from './pick';

interface RenameAnswers {
  renames: RenameChoice[];
  declinedRenames: RenameChoice[];
}

/**
 * Unambiguous pairs are renames by default (checked); readings of ambiguous groups are offered
 * unchecked. Unchecked defaults go back as declinedRenames, checked readings as renames.
 */
async function askRenames(pending: PendingChangesResult): Promise<RenameAnswers> {
  const ambiguous = pending.ambiguousRenames ?? [];
  if (pending.renameCandidates.length === 0 && ambiguous.length === 0) return { renames: [], declinedRenames: [] };
  const items = [
    ...pending.renameCandidates.map((choice) => ({ label: renameLabel(choice), detail: renameDetail(choice), picked: true, choice, assumed: true })),
    ...ambiguous.map((choice) => ({ label: renameLabel(choice), detail: ambiguousRenameDetail(choice), picked: false, choice, assumed: false })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Migration Guard: these look like renames'),
    placeHolder: vscode.l10n.t('Checked pairs become renames that keep the data; uncheck a pair to drop and add instead'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) throw new Cancelled();
  return {
    renames: picked.filter((p) => !p.assumed).map((p) => p.choice),
    declinedRenames: items.filter((i) => i.assumed && !picked.includes(i)).map((i) => i.choice),
  };
}

/** Code actions from the server pass ready-made parameters (message, renames) to this command. */
function isCreateParams(arg: unknown): arg is CreateMigrationParams {
  return typeof arg === 'object' && arg !== null && typeof (arg as CreateMigrationParams).message === 'string';
}

async function writeAndOpen(ctx: CommandContext, params: CreateMigrationParams): Promise<vscode.Uri> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Migration Guard: writing the revision…') },
    () => ctx.server.createMigration(params),
  );
  if (!result || typeof result.uri !== 'string') throw new UserFacingError(vscode.l10n.t('The language server did not write a revision file.'));
  const uri = vscode.Uri.parse(result.uri);
  ctx.output.info(vscode.l10n.t('Created revision {0}: {1}', result.revision, uri.fsPath));
  // A workspace edit may leave the new file's text unsaved; upgrades read the disk.
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) await document.save();
  await vscode.window.showTextDocument(document, { preview: false });
  void ctx.repository.refresh({ database: false });
  return uri;
}

const UNSAVED = {
  message: (files: string[]) =>
    files.length === 1
      ? vscode.l10n.t('{0} has unsaved changes.', files[0] ?? '')
      : vscode.l10n.t('{0} model files have unsaved changes.', formatNumber(files.length)),
  detail: (files: string[]) =>
    vscode.l10n.t(
      "The migration is computed from the editor's text; saved, the files on disk match the revision. Unsaved:\n{0}",
      files.map((f) => `• ${f}`).join('\n'),
    ),
  get save() {
    return vscode.l10n.t('Save and Create Migration');
  },
  get refused() {
    return vscode.l10n.t('No migration created: the model files have unsaved changes (save them, then create the migration).');
  },
};

/**
 * The revision is computed from the editor buffers (what the language server reads): save dirty model
 * files first, or refuse, so the revision matches the disk that `flask db` and git see.
 */
async function saveModelBuffers(modelFiles: readonly string[]): Promise<void> {
  const wanted = new Set(modelFiles.map((uri) => vscode.Uri.parse(uri).toString()));
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && wanted.has(d.uri.toString()));
  if (dirty.length === 0) return;
  const names = dirty.map((d) => vscode.workspace.asRelativePath(d.uri));
  const answer = await vscode.window.showWarningMessage(UNSAVED.message(names), { modal: true, detail: UNSAVED.detail(names) }, UNSAVED.save);
  if (answer !== UNSAVED.save) throw new UserFacingError(UNSAVED.refused);
  for (const document of dirty) {
    if (!(await document.save())) throw new UserFacingError(UNSAVED.refused);
  }
}

export async function createMigration(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri> {
  if (isCreateParams(arg)) {
    const project = await pickProject(ctx, arg.project);
    await saveModelBuffers(project.info.modelFiles);
    return writeAndOpen(ctx, { ...arg, project: project.info.root });
  }
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  await saveModelBuffers(project.info.modelFiles);
  if (project.info.problems.length > 0) {
    throw new UserFacingError(vscode.l10n.t('Cannot create a migration for {0}: {1}', project.info.name, project.info.problems.join('; ')));
  }
  const pending = await ctx.server.pendingChanges(project.info.root);
  if (pending.changes.length === 0) {
    const createEmpty = vscode.l10n.t('Create Empty Revision');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('The models match the migration head: there is nothing to migrate.'),
      { modal: true, detail: vscode.l10n.t('An empty revision is useful for data migrations or hand-written SQL.') },
      createEmpty,
    );
    if (answer !== createEmpty) throw new Cancelled();
  }
  const message = await vscode.window.showInputBox({
    title: vscode.l10n.t('Migration Guard: Create Migration'),
    prompt:
      pending.changes.length === 1
        ? vscode.l10n.t('Revision message (as flask db migrate -m) — 1 pending change')
        : vscode.l10n.t('Revision message (as flask db migrate -m) — {0} pending changes', pending.changes.length),
    placeHolder: vscode.l10n.t('e.g. add email to user'),

    value: suggestMessage(pending.changes),
    validateInput: validateMessage,
    ignoreFocusOut: true,
  });
  if (message === undefined) throw new Cancelled();
  const answers = await askRenames(pending);
  return writeAndOpen(ctx, { message: message.trim(), ...answers, project: project.info.root });
}
