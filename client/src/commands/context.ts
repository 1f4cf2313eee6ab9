// What every command gets: the server connection, the repository, the output channel, the database store.
import type * as vscode from 'vscode';
import type { ServerConnection } from '../lsp/serverConnection';
import type { ProjectRepository } from '../views/projectRepository';
import type { DatabaseStore } from '../db/databaseStore';
import type { RedactingChannel } from '../output';
import type { ReadOnlyDocuments } from '../views/readOnlyDocuments';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  server: ServerConnection;
  repository: ProjectRepository;
  output: RedactingChannel;
  databases: DatabaseStore;
  /** Absolute path of the bundled CLI (dist/cli.js). */
  cliPath: string;
  /** Read-only virtual documents for generated text (Show SQL, rule docs). */
  previews: ReadOnlyDocuments;
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => Promise<unknown>;
