// Migration Guard: Set Database URL — kept in VS Code's SecretStorage (never in settings.json);
// an empty value clears it. The language server is told, so applied states and row counts follow.
import * as vscode from 'vscode';
import { Cancelled } from '../errors';
import { maskDatabaseUrl, validateDatabaseUrl } from '../model/databaseUrl';
import type { CommandContext } from './context';
import { pickProject } from './pick';

export async function setDatabaseUrl(ctx: CommandContext, arg?: unknown): Promise<void> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const current = await ctx.databases.explicit(project.info.root);
  const url = await vscode.window.showInputBox({
    title: `Migration Guard: database URL for ${project.info.name}`,
    prompt: `${current ? `Now: ${maskDatabaseUrl(current.url)}. ` : ''}A PostgreSQL URL, kept in VS Code's secret storage (not in settings); "embedded" for the built-in PGlite database in .migration-guard/; empty to clear.`,
    placeHolder: 'postgresql://user:password@localhost:5432/app',
    password: true,
    ignoreFocusOut: true,
    validateInput: validateDatabaseUrl,
  });
  if (url === undefined) throw new Cancelled();
  await ctx.databases.store(project.info.root, url);
  ctx.output.info(url.trim() ? `Database for ${project.info.name}: ${maskDatabaseUrl(url.trim())}` : `Database URL for ${project.info.name} cleared.`);
}
