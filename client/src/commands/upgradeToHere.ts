// Migration Guard: Upgrade to Here — a pending revision's item in the Migrations view.
import { UserFacingError } from '../errors';
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject, pickRevision, revisionArg } from './pick';

export async function upgradeToHere(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  const revision = item?.revision ?? (await pickRevision(project, 'Upgrade to which revision?'));
  if (!revision) throw new UserFacingError('No revision chosen.');
  return moveDatabase(ctx, project, { direction: 'upgrade', target: revision, title: `Upgrade to ${revision}` });
}
