// workspace/executeCommand. Each command runs behind one error wrapper that turns failures into a
// clear ResponseError (and a log line), never a crash.
import { ErrorCodes, ResponseError, type ExecuteCommandParams } from 'vscode-languageserver';
import { Commands } from '../protocol';
import type { ServerContext } from './context';
import { createMigration } from './createMigration';

type Handler = (ctx: ServerContext, args: unknown[]) => Promise<unknown>;

const handlers: Record<string, Handler> = {
  [Commands.createMigration]: (ctx, args) => createMigration(ctx, args[0]),
};

export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams): Promise<unknown> {
  const handler = handlers[params.command];
  if (!handler) throw new ResponseError(ErrorCodes.MethodNotFound, `Unknown command ${params.command}`);
  try {
    return await handler(ctx, params.arguments ?? []);
  } catch (error) {
    if (error instanceof ResponseError) {
      ctx.log.warn(`${params.command}: ${error.message}`);
      throw error;
    }
    ctx.log.error(`${params.command} failed`, error);
    throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed: ${(error as Error).message ?? String(error)}`);
  }
}
