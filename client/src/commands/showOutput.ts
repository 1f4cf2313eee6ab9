// Migration Guard: Show Output.
import type { CommandContext } from './context';

export async function showOutput(ctx: CommandContext): Promise<void> {
  ctx.output.show(true);
}
