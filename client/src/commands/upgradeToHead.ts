// Migration Guard: Upgrade to Head — every pending revision, after a confirmation if data is at risk.
// With several heads, "head" is ambiguous and Alembic refuses it: the user merges them, or says
// explicitly that every head is the target (`upgrade heads`).
import * as vscode from 'vscode';
import { Cancelled } from '../errors';
import type { CommandContext } from './context';
import { mergeHeads } from './mergeHeads';
import { moveDatabase } from './movement';
import { pickProject } from './pick';

const TEXT = {
  severalHeads: (heads: string[]) => vscode.l10n.t('The migrations have {0} heads ({1}), so "head" names no single revision.', heads.length, heads.join(', ')),
  get detail() {
    return vscode.l10n.t(
      'Alembic refuses `upgrade head` here. Merge the heads into one revision (as `flask db merge heads`), or upgrade every branch explicitly (`upgrade heads`).',
    );
  },
  get merge() {
    return vscode.l10n.t('Merge Heads');
  },
  get everyHead() {
    return vscode.l10n.t('Upgrade Every Head');
  },
};

export async function upgradeToHead(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const heads = project.graph?.heads ?? [];
  if (heads.length > 1) {
    const answer = await vscode.window.showWarningMessage(TEXT.severalHeads(heads), { modal: true, detail: TEXT.detail }, TEXT.merge, TEXT.everyHead);
    if (answer === TEXT.merge) return mergeHeads(ctx, project.info.root);
    if (answer !== TEXT.everyHead) throw new Cancelled();
    return moveDatabase(ctx, project, { direction: 'upgrade', target: 'heads', title: vscode.l10n.t('Upgrade every head') });
  }
  return moveDatabase(ctx, project, { direction: 'upgrade', target: 'head', title: vscode.l10n.t('Upgrade to head') });
}
