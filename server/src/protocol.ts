// Custom LSP messages between the VS Code client and the Migration Guard server, declared once.
// Each comment says which way the message travels. Shapes are plain JSON (URIs, not paths),
// so the client can import this file without pulling in the engine.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';

/** Command ids the server handles through `workspace/executeCommand`. */
export const Commands = {
  /** Arguments: [CreateMigrationParams]. Result: CreateMigrationResult. */
  createMigration: 'migrationGuard.createMigration',
} as const;

/** The documented settings section the server reads (initializationOptions or workspace/configuration). */
export const SETTINGS_SECTION = 'migrationGuard';

/** The server-relevant subset of the `migrationGuard.*` settings. Every field is optional. */
export interface ServerSettings {
  /** Delay between the last keystroke and recomputing diagnostics, in ms. Default 5. */
  debounceMs?: number;
  /** Versions directory (relative to a workspace folder) when discovery should not guess. */
  migrationsDirectory?: string;
  /** Globs (relative to the project root) of the Python files holding models; default: every .py file outside migrations. */
  modelGlobs?: string[];
  /** migrationGuard.pythonPath: the project's Python, whose site-packages hold the libraries models derive from. */
  pythonPath?: string;
  /** python.defaultInterpreterPath (the Python extension's setting), used when pythonPath is empty. */
  defaultInterpreterPath?: string;
  /** Whether the workspace is trusted (initializationOptions only): untrusted, nothing outside the workspace folder is read. */
  trusted?: boolean;
}

/** A rename: chosen by the user, or assumed for an unambiguous drop + add pair (see docs/renames.md). */
export type RenameChoice = { kind: 'column'; table: string; from: string; to: string } | { kind: 'table'; from: string; to: string };

export interface BackfillChoice {
  table: string;
  column: string;
  sql: string;
}

export interface CreateMigrationParams {
  /** The revision message, as `flask db migrate -m`. */
  message: string;
  /** Renames the user chose (on top of the unambiguous ones, which are renames by default). */
  renames?: RenameChoice[];
  /** Unambiguous renames the user turned down: written as drop + add. */
  declinedRenames?: RenameChoice[];
  /**
   * Fill NULLs before a column becomes NOT NULL (MF104's "do it in two steps"): `sql` is the value,
   * e.g. `''` or `0`. The migration runs `UPDATE … SET col = sql WHERE col IS NULL` first.
   */
  backfills?: BackfillChoice[];
  /** Indexes to create CONCURRENTLY in an autocommit block (PG101's fix), by name. */
  concurrentIndexes?: string[];
  /** Which project (its root URI); optional when the workspace holds exactly one. */
  project?: string;
  /** A file of the project (e.g. the active editor), used to pick the project when `project` is absent. */
  uri?: string;
}

export interface CreateMigrationResult {
  /** URI of the new revision file. */
  uri: string;
  revision: string;
}

export interface ProjectInfo {
  /** Project root URI (the directory holding alembic.ini, or the parent of migrations/). */
  root: string;
  name: string;
  /** Versions directories (URIs). */
  versionDirs: string[];
  /** Model files the server reads (URIs). */
  modelFiles: string[];
  heads: string[];
  /** Number of pending schema changes between the models and the migration head. */
  pendingChanges: number;
  findings: number;
  /** Graph errors and other problems that block Create Migration, in plain words. */
  problems: string[];
  /** No model found while the history has tables: nothing was compared (pendingChanges 0 is not "in sync"). */
  modelsNotFound?: boolean;
}

/** Applied state of a revision: `unknown` until a database is connected. */
export type RevisionState = 'applied' | 'current' | 'pending' | 'unknown';

export interface RevisionInfo {
  id: string;
  message: string | null;
  /** URI of the revision file. */
  uri: string;
  /** The `revision = ...` line. */
  range: Range;
  downRevisions: string[];
  branchLabels: string[];
  isHead: boolean;
  isBase: boolean;
  isMerge: boolean;
  isBranchPoint: boolean;
  state: RevisionState;
}

export interface RevisionGraphResult {
  project: string;
  /** Base first, head last (a topological order). */
  revisions: RevisionInfo[];
  heads: string[];
  /** The database's recorded revisions, when a database is connected; null otherwise. */
  current: string[] | null;
  /** Notes about the history (replay, discovery, graph), most of them harmless; the client groups them. */
  errors: {
    message: string;
    severity?: 'error' | 'warning' | 'info' | 'hint';
    /** The note kind (core/noteKinds.ts). */ kind?: string;
    uri?: string;
    range?: Range;
  }[];
}

export interface PendingChangeInfo {
  /** One line, e.g. "drop column user.email". */
  description: string;
  kind: string;
  table: string | null;
  column: string | null;
  /** Where the model declares it (absent for things removed from the models). */
  uri?: string;
  range?: Range;
}

export interface FindingInfo {
  code: string;
  severity: string;
  message: string;
  uri: string;
  range: Range;
  table: string | null;
  column: string | null;
  destructive: boolean;
}

/** Where a model declares a table or column, in the order the models declare them. */
export interface ModelPlace {
  name: string;
  uri: string;
  range: Range;
}

export interface ModelTableInfo extends ModelPlace {
  /** Columns in model order (the order SQLAlchemy creates them). */
  columns: ModelPlace[];
}

export interface PendingChangesResult {
  project: string;
  changes: PendingChangeInfo[];
  /** The models' tables and columns, in model order, with where each is declared. */
  tables?: ModelTableInfo[];
  findings: FindingInfo[];
  /** Unambiguous drop + add pairs: renames by default; the client asks (checked) and passes the unchecked ones as declinedRenames. */
  renameCandidates: RenameChoice[];
  /** Readings of ambiguous drop + add groups: drop + add unless the user picks one (passed as renames). */
  ambiguousRenames: RenameChoice[];
}

export interface ProjectParams {
  /** Project root URI, or any file inside it; optional when the workspace holds one project. */
  project?: string;
}

/** client → server: every discovered project. */
export const ProjectsRequest = new RequestType<void, ProjectInfo[], void>('migrationGuard/projects');

/** client → server: the revision graph of one project, with applied states when a database is known. */
export const RevisionGraphRequest = new RequestType<ProjectParams, RevisionGraphResult, void>('migrationGuard/revisionGraph');

/** client → server: what differs between the models and the migration head. */
export const PendingChangesRequest = new RequestType<ProjectParams, PendingChangesResult, void>('migrationGuard/pendingChanges');

/** server → client: a project's analysis changed (models, revisions or database state); refresh views. */
export const ProjectChangedNotification = new NotificationType<{ project: string }>('migrationGuard/projectChanged');

/**
 * client → server: the database the client connected for a project (the client keeps the URL in SecretStorage).
 * `url: null` disconnects. The server then fills applied states and row counts.
 */
export const DatabaseUrlNotification = new NotificationType<{ project?: string; url: string | null }>('migrationGuard/databaseUrl');

export interface DatabaseStatusParams {
  /** The project's root URI. */
  project: string;
  /** The database to read (the client's choice for the project; the server switches to it if it had another). */
  url: string;
}

/** What the server read from the project's database just now. */
export interface DatabaseStatusResult {
  connected: boolean;
  /** The revisions alembic_version records ([] at base or without the table); null when not connected. */
  current: string[] | null;
  /** Why the database did not answer (password masked); null when connected. */
  error: string | null;
}

/**
 * client → server: read the project's database now and say what it records. The server owns database
 * state: the Database view, the status bar and the revision tree all come from this one read (the
 * embedded PGlite database, which one process opens at a time, is read by the CLI instead).
 */
export const DatabaseStatusRequest = new RequestType<DatabaseStatusParams, DatabaseStatusResult, void>('migrationGuard/databaseStatus');
