// Wires the LSP handlers to the project analyses. The connection is injected (stdio in dist/server.js,
// anything in tests), so this file never touches process streams itself.
import { useLocale } from '../core/locale';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { initPythonParser } from '../core/python/parser';
import { Commands, SETTINGS_SECTION } from '../protocol';
import { CREATE_MIGRATION_SOURCE_KIND, provideCodeActions } from './codeActions';
import { executeCommand } from './commands';
import { ServerContext } from './context';
import { registerDatabase } from './database';
import { hoverAt } from './hover';
import { routeConsole } from './logging';
import { requirePosition, requireRange } from './positions';
import { clearProject, recomputeAndPublish } from './publish';
import { registerRequests } from './requests';
import { readSettings, sameProjectLayout } from './settings';
import { registerTextSync } from './textSync';
import { uriToPath } from './uris';

declare const MIGRATION_GUARD_VERSION: string | undefined;

export interface StartServerOptions {
  connection: Connection;
}

function folderPaths(params: InitializeParams): string[] {
  const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
  const paths = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== null);
  if (paths.length > 0) return paths;
  const root = params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? null);
  return root ? [root] : [];
}

export function startServer({ connection }: StartServerOptions): ServerContext {
  const log = routeConsole(connection);
  // A language server must outlive its own mistakes: log them, keep answering.
  process.on('unhandledRejection', (reason) => log.error('Migration Guard: unhandled rejection', reason));
  process.on('uncaughtException', (error) => log.error('Migration Guard: uncaught exception', error));
  const ctx = new ServerContext(connection, log);
  let initialFolders: string[] = [];
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  ctx.setRecompute((project) => void recomputeAndPublish(ctx, project));

  const loadFolder = (folder: string) => {
    try {
      const { added, removed } = ctx.workspace.loadFolder(folder);
      for (const project of removed) {
        ctx.debouncer.cancel(project);
        clearProject(ctx, project);
      }
      for (const project of added) {
        log.info(`Migration Guard: project ${project.location.root} (revisions in ${project.location.versionDirs.join(', ') || 'none'})`);
        void recomputeAndPublish(ctx, project);
      }
      if (added.length === 0) log.info(`Migration Guard: no Alembic / Flask-Migrate project in ${folder}`);
    } catch (error) {
      log.error(`Migration Guard: loading ${folder} failed`, error);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    // VS Code sends its display language; every later message is in it.
    useLocale(params.locale);
    const caps = params.capabilities;
    ctx.support = {
      applyEdit: caps.workspace?.applyEdit === true,
      createFile: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true && caps.workspace.workspaceEdit.documentChanges === true,
      configuration: caps.workspace?.configuration === true,
      watchedFilesRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      diagnosticVersions: caps.textDocument?.publishDiagnostics?.versionSupport === true,
      workspaceFolders: caps.workspace?.workspaceFolders === true,
    };
    ctx.settings = readSettings(params.initializationOptions, ctx.settings);
    ctx.workspace.setSettings(ctx.settings);
    ctx.debouncer.setDelay(ctx.settings.debounceMs);
    initialFolders = folderPaths(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CREATE_MIGRATION_SOURCE_KIND] },
        executeCommandProvider: { commands: [Commands.createMigration] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'migration-guard', version: typeof MIGRATION_GUARD_VERSION === 'string' ? MIGRATION_GUARD_VERSION : 'dev' },
    };
  });

  connection.onInitialized(async () => {
    try {
      await initialize();
    } catch (error) {
      log.error('Migration Guard: initialization failed', error);
    } finally {
      // Requests wait for this; they must never wait forever.
      resolveReady();
    }
  });

  const initialize = async () => {
    try {
      await initPythonParser();
    } catch (error) {
      log.error('Migration Guard: cannot load the Python parser', error);
    }
    if (ctx.support.configuration) {
      try {
        const [section] = await connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }]);
        applySettings(section);
      } catch {
        // older clients: initializationOptions stay in force
      }
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    if (ctx.support.watchedFilesRegistration) {
      // Editors other than VS Code (whose client already forwards these) learn what to watch here.
      const watchers = ['**/*.py', '**/alembic.ini', '**/script.py.mako'].map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    for (const folder of initialFolders) loadFolder(folder);
    if (!ctx.support.workspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) {
        const folder = uriToPath(removed.uri);
        if (folder) for (const project of ctx.workspace.removeFolder(folder)) clearProject(ctx, project);
      }
      for (const added of event.added) {
        const folder = uriToPath(added.uri);
        if (folder) loadFolder(folder);
      }
    });
  };

  const applySettings = (raw: unknown) => {
    const next = readSettings(raw, ctx.settings);
    const relayout = !sameProjectLayout(ctx.settings, next);
    ctx.settings = next;
    ctx.workspace.setSettings(next);
    ctx.debouncer.setDelay(next.debounceMs);
    if (relayout) for (const folder of ctx.workspace.folders) loadFolder(folder);
  };

  connection.onDidChangeConfiguration((change) => {
    if (ctx.support.configuration) {
      void connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }]).then(
        ([section]) => applySettings(section),
        () => applySettings(change.settings),
      );
    } else {
      applySettings(change.settings);
    }
  });

  registerTextSync(ctx, loadFolder);

  connection.onHover(async (params) => {
    await ready;
    const position = requirePosition(params.position);
    const file = uriToPath(params.textDocument.uri);
    const project = file === null ? undefined : ctx.workspace.projectOf(file);
    if (!project || file === null) return null;
    ctx.debouncer.flush(project);
    try {
      return hoverAt(project, file, position);
    } catch (error) {
      log.error('hover failed', error);
      return null;
    }
  });

  connection.onCodeAction(async (params) => {
    await ready;
    requireRange(params.range);
    try {
      return provideCodeActions(ctx, params);
    } catch (error) {
      log.error('code actions failed', error);
      return [];
    }
  });

  connection.onExecuteCommand(async (params) => {
    await ready;
    return executeCommand(ctx, params);
  });

  registerRequests(ctx, ready);
  registerDatabase(ctx, ready);

  connection.onShutdown(() => {
    ctx.debouncer.dispose();
    ctx.workspace.flushCaches();
  });
  connection.listen();
  return ctx;
}
