// Starts dist/server.js over stdio and exposes the custom requests of server/src/protocol.ts.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  type DynamicFeature,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import {
  DatabaseStatusRequest,
  DatabaseUrlNotification,
  type DatabaseStatusResult,
  PendingChangesRequest,
  ProjectChangedNotification,
  ProjectsRequest,
  RevisionGraphRequest,
  Commands,
  SETTINGS_SECTION,
  type CreateMigrationParams,
  type CreateMigrationResult,
  type PendingChangesResult,
  type ProjectInfo,
  type RevisionGraphResult,
} from '../../../server/src/protocol';
import { UserFacingError } from '../errors';
import { withRuleDocsCommand } from './ruleDocsLinks';
import { SERVER_NODE_ARGS } from '../../../server/src/lsp/nodeArgs';

/**
 * The server's `migrationGuard.createMigration` is called directly (workspace/executeCommand). The client-side
 * proxy command that the ExecuteCommandFeature would register under that id collides with the palette command
 * of the same name, which asks for the message first; so that feature is left out.
 */
class MigrationGuardClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    if ((feature as Partial<DynamicFeature<unknown>>).registrationType?.method === ExecuteCommandRequest.method) return;
    super.registerFeature(feature);
  }
}

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a project root URI when the server says its analysis changed. */
  readonly onProjectChanged = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Starts the server once; later calls return the same promise. */
  start(): Promise<void> {
    this.starting ??= this.launch().catch((error: unknown) => {
      this.starting = undefined;
      this.output.error(vscode.l10n.t('Language server failed to start: {0}', (error as Error).message ?? String(error)));
      throw error;
    });
    return this.starting;
  }

  private async launch(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_ARGS] } },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'python' }],
      outputChannel: this.output,
      synchronize: {
        configurationSection: SETTINGS_SECTION,
        fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.py'), vscode.workspace.createFileSystemWatcher('**/alembic.ini')],
      },
      initializationOptions: () => ({ ...serverSettings(), trusted: vscode.workspace.isTrusted }),
      middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, withRuleDocsCommand(diagnostics)) },
    };
    const client = new MigrationGuardClient('migrationGuard', 'Migration Guard', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    this.context.subscriptions.push(client.onNotification(ProjectChangedNotification, (params) => this.changed.fire(params.project)));
  }

  private async ready(): Promise<LanguageClient> {
    await this.start();
    if (!this.client || !this.client.isRunning()) {
      throw new UserFacingError(vscode.l10n.t('The Migration Guard language server is not running. Run "Migration Guard: Show Output" for details.'));
    }
    return this.client;
  }

  async projects(): Promise<ProjectInfo[]> {
    return (await this.ready()).sendRequest(ProjectsRequest, undefined);
  }

  async revisionGraph(project: string): Promise<RevisionGraphResult> {
    return (await this.ready()).sendRequest(RevisionGraphRequest, { project });
  }

  async pendingChanges(project: string): Promise<PendingChangesResult> {
    return (await this.ready()).sendRequest(PendingChangesRequest, { project });
  }

  async createMigration(params: CreateMigrationParams): Promise<CreateMigrationResult> {
    const client = await this.ready();
    return (await client.sendRequest('workspace/executeCommand', { command: Commands.createMigration, arguments: [params] })) as CreateMigrationResult;
  }

  /** Tells the server which database to read applied states and row counts from (null disconnects). */
  async setDatabaseUrl(project: string | undefined, url: string | null): Promise<void> {
    const client = await this.ready();
    await client.sendNotification(DatabaseUrlNotification, project === undefined ? { url } : { project, url });
  }

  /** Has the server read the project's database now (see DatabaseStatusRequest: the server owns database state). */
  async databaseStatus(project: string, url: string): Promise<DatabaseStatusResult> {
    return (await this.ready()).sendRequest(DatabaseStatusRequest, { project, url });
  }

  async dispose(): Promise<void> {
    this.changed.dispose();
    if (this.client) await this.client.stop().catch(() => undefined);
  }
}

function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    debounceMs: config.get('debounceMs'),
    migrationsDirectory: config.get('migrationsDirectory'),
    modelGlobs: config.get('modelGlobs'),
    // The project's Python: its site-packages hold the libraries models derive from (read only when trusted, if outside the folder).
    pythonPath: config.get('pythonPath'),
    defaultInterpreterPath: vscode.workspace.getConfiguration('python').get('defaultInterpreterPath'),
  };
}
