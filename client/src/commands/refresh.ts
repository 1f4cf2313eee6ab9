// Migration Guard: Refresh — re-reads projects, revisions, pending changes and the database's revision.
import type { CommandContext } from './context';

export async function refresh(ctx: CommandContext): Promise<void> {
  await ctx.repository.refresh({ database: true });
}
