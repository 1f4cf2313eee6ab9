// Activation: wires the output channel, the language server connection, the repositories behind the
// three views, the status bar and the commands. Nothing slow happens here: the server starts in the
// background and the views fill in when it answers.
import * as vscode from 'vscode';
import { openWalkthroughOnFirstRun } from './commands/gettingStarted';
import { registerCommands } from './commands/registry';
import { makeCurrentReader } from './db/currentReader';
import { DatabaseStore } from './db/databaseStore';
import { ServerConnection } from './lsp/serverConnection';
import { isEmbedded } from './model/databaseUrl';
import { useLocale } from '../../server/src/core/locale';
import { createOutput } from './output';
import { MigrationStatusBar } from './statusBar';
import { DatabaseProvider } from './views/databaseProvider';
import { MigrationsProvider } from './views/migrationsProvider';
import { ProjectRepository } from './views/projectRepository';
import { ReadOnlyDocuments } from './views/readOnlyDocuments';
import { SchemaProvider } from './views/schemaProvider';
import { SchemaRepository } from './views/schemaRepository';

const VIEW_TEXT = {
  blocking: (n: number): string =>
    n === 1
      ? vscode.l10n.t('A problem blocks Create Migration: see the notes below.')
      : vscode.l10n.t('{0} problems block Create Migration: see the notes below.', n),
  restricted: (): string => vscode.l10n.t('Restricted Mode: warnings only, no database.'),
  pendingBadge: (n: number): string => (n === 1 ? vscode.l10n.t('1 pending model change') : vscode.l10n.t('{0} pending model changes', n)),
};

export interface MigrationGuardApi {
  /** Resolves once the server answered and the views hold data (for tests and other extensions). */
  ready: Promise<void>;
  repository: ProjectRepository;
  /** Read-only previews (`previews.show(name, text)`), e.g. for rule docs pages. */
  previews: ReadOnlyDocuments;
}

export function activate(context: vscode.ExtensionContext): MigrationGuardApi {
  const started = performance.now();
  // The engine code bundled into the extension (pure models, shared with the server) uses @vscode/l10n:
  // give it the same language and bundle as vscode.l10n.
  useLocale(vscode.env.language);
  const output = createOutput();
  const server = new ServerConnection(context, output);
  const databases = new DatabaseStore(context.secrets);
  const cliPath = context.asAbsolutePath('dist/cli.js');
  const repository = new ProjectRepository(server, makeCurrentReader(databases, server, cliPath, output), output);
  const schema = new SchemaRepository(repository, cliPath, output);
  const previews = new ReadOnlyDocuments();

  const migrationsView = vscode.window.createTreeView('migrationGuard.migrations', { treeDataProvider: new MigrationsProvider(repository) });
  const schemaProvider = new SchemaProvider(schema);
  const schemaView = vscode.window.createTreeView('migrationGuard.schema', { treeDataProvider: schemaProvider, showCollapseAll: true });
  const databaseView = vscode.window.createTreeView('migrationGuard.database', { treeDataProvider: new DatabaseProvider(repository) });
  schema.setVisible(schemaView.visible);

  const updateBadges = (): void => {
    const pending = schemaProvider.badgeCount();
    schemaView.badge = pending > 0 ? { value: pending, tooltip: VIEW_TEXT.pendingBadge(pending) } : undefined;
    // One short line at most: the problems themselves are rows under each project's "N notes" node.
    const blocking = repository.projects.reduce((sum, p) => sum + p.info.problems.length, 0);
    const lines: string[] = [];
    if (blocking > 0) lines.push(VIEW_TEXT.blocking(blocking));
    if (!vscode.workspace.isTrusted) lines.push(VIEW_TEXT.restricted());
    migrationsView.message = lines.length ? lines.join(' ') : undefined;
  };

  /** Tells the server which database each project uses, so it can fill applied states and row counts. */
  const pushDatabaseUrls = async (): Promise<void> => {
    for (const project of repository.projects) {
      const choice = vscode.workspace.isTrusted ? await databases.resolve(project.info.root) : undefined;
      // The embedded database is opened by one process at a time: the CLI, not the server.
      const url = choice && !('error' in choice) && !isEmbedded(choice.url) ? choice.url : null;
      await server
        .setDatabaseUrl(project.info.root, url)
        .catch((e: unknown) => output.warn(vscode.l10n.t('Could not pass the database to the server: {0}', (e as Error).message)));
    }
  };

  const commandContext = { extension: context, server, repository, output, databases, cliPath, previews };
  context.subscriptions.push(
    output,
    server,
    databases,
    repository,
    schema,
    previews,
    migrationsView,
    schemaView,
    databaseView,
    new MigrationStatusBar(repository),
    ...registerCommands(commandContext),
    repository.onDidChange(updateBadges),
    schemaView.onDidChangeVisibility((e) => schema.setVisible(e.visible)),
    vscode.commands.registerCommand('migrationGuard.internal.reloadModels', () => schema.reload()),
    databases.onDidChange(async () => {
      await pushDatabaseUrls();
      await repository.refresh({ database: true });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await vscode.commands.executeCommand('setContext', 'migrationGuard.trusted', true);
      updateBadges();
      await pushDatabaseUrls();
      await repository.refresh({ database: true });
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('migrationGuard')) void repository.refresh({ database: e.affectsConfiguration('migrationGuard.databaseUrl') });
    }),
  );
  void vscode.commands.executeCommand('setContext', 'migrationGuard.trusted', vscode.workspace.isTrusted);

  const ready = server.start().then(async () => {
    await repository.refresh({ database: false });
    void openWalkthroughOnFirstRun(commandContext).catch((e: unknown) =>
      output.warn(vscode.l10n.t('Could not open the walkthrough: {0}', (e as Error).message)),
    );
    await pushDatabaseUrls();
    await repository.refresh({ database: true });
  });
  ready.catch((error: unknown) => {
    void vscode.commands.executeCommand('setContext', 'migrationGuard.serverFailed', true);
    output.error(vscode.l10n.t('Migration Guard could not start: {0}', (error as Error).message ?? String(error)));
    const showOutput = vscode.l10n.t('Show Output');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Migration Guard: the language server did not start. See the output for details.'), showOutput)
      .then((c) => {
        if (c === showOutput) output.show(true);
      });
  });
  const ms = (performance.now() - started).toFixed(1);
  output.info(
    vscode.workspace.isTrusted
      ? vscode.l10n.t('Migration Guard activated in {0} ms', ms)
      : vscode.l10n.t('Migration Guard activated in {0} ms (untrusted workspace: warnings only)', ms),
  );
  return { ready, repository, previews };
}

export function deactivate(): void {
  // Disposables registered on the context stop the language client.
}
