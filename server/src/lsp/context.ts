// What every handler shares: the connection, open documents, the projects, the debouncer, and
// the last results published per project (hover and code actions answer from these).
import { existsSync, readFileSync } from 'node:fs';
import type { Connection } from 'vscode-languageserver';
import type { ProjectAnalysis, ProjectResult } from '../core/project/analysis';
import type { DatabaseLink } from './database';
import { Debouncer } from './debounce';
import { OpenDocuments } from './documents';
import type { Logger } from './logging';
import { defaultSettings, type EffectiveSettings } from './settings';
import { pathToUri, uriToPath } from './uris';
import { Workspace } from './workspace';

export interface ClientSupport {
  applyEdit: boolean;
  createFile: boolean;
  configuration: boolean;
  watchedFilesRegistration: boolean;
  diagnosticVersions: boolean;
  workspaceFolders: boolean;
}

export class ServerContext {
  readonly documents = new OpenDocuments();
  readonly workspace: Workspace;
  readonly debouncer: Debouncer<ProjectAnalysis>;
  settings: EffectiveSettings = defaultSettings;
  support: ClientSupport = {
    applyEdit: false,
    createFile: false,
    configuration: false,
    watchedFilesRegistration: false,
    diagnosticVersions: false,
    workspaceFolders: false,
  };
  /** URIs each project last published diagnostics for, to clear the ones that went away. */
  readonly published = new Map<ProjectAnalysis, Set<string>>();
  /** What the client's views last saw of each project, to notify only on real changes. */
  readonly summaries = new Map<ProjectAnalysis, string>();
  /** Set once the database link is registered. */
  database: DatabaseLink | null = null;
  private onRecompute: (project: ProjectAnalysis) => void = () => undefined;

  constructor(
    readonly connection: Connection,
    readonly log: Logger,
  ) {
    this.workspace = new Workspace(this.settings, (file) => this.readFile(file));
    this.debouncer = new Debouncer(this.settings.debounceMs, (project) => this.onRecompute(project));
  }

  setRecompute(run: (project: ProjectAnalysis) => void): void {
    this.onRecompute = run;
  }

  /** An open editor's text wins over the disk. Null when the file is gone or unreadable. */
  readFile(file: string): string | null {
    const open = this.documents.text(pathToUri(file));
    if (open !== undefined) return open;
    try {
      return existsSync(file) ? readFileSync(file, 'utf8') : null;
    } catch {
      return null;
    }
  }

  /** Fresh results for a project: runs a pending recompute first, so answers match the latest text. */
  freshResult(project: ProjectAnalysis): ProjectResult {
    this.debouncer.flush(project);
    return project.result();
  }

  projectOfUri(uri: string): ProjectAnalysis | undefined {
    const file = uriToPath(uri);
    return file === null ? undefined : this.workspace.projectOf(file);
  }
}
