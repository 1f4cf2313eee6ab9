// Migration Guard: Upgrade to Head — every pending revision, after a confirmation if data is at risk.
import type { CommandContext } from './context';
import { moveDatabase } from './movement';
import { pickProject } from './pick';

export async function upgradeToHead(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const heads = project.graph?.heads ?? [];
  // With several heads Alembic's "head" is ambiguous; "heads" upgrades each branch, as `flask db upgrade heads`.
  const target = heads.length > 1 ? 'heads' : 'head';
  return moveDatabase(ctx, project, { direction: 'upgrade', target, title: `Upgrade to ${target}` });
}
