// What every command gets: the server connection, the repository, the output channel, the database store.
import type * as vscode from 'vscode';
import type { ServerConnection } from '../lsp/serverConnection';
import type { ProjectRepository } from '../views/projectRepository';
import type { DatabaseStore } from '../db/databaseStore';
import type { RedactingChannel } from '../output';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  server: ServerConnection;
  repository: ProjectRepository;
  output: RedactingChannel;
  databases: DatabaseStore;
  /** Absolute path of the bundled CLI (dist/cli.js). */
  cliPath: string;
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => Promise<unknown>;
