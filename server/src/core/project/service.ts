// The one project service: discovery, the content-hashed cache, the model and history reads, the
// replay and the diff, behind one object per project. The language server (lsp/workspace.ts) and every
// CLI verb (cli/project.ts) make their projects here; whether a history is usable is decided in
// readiness.ts, which both call through this service.
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NO_CACHE, type ProjectCache } from '../cache/projectCache';
import { loadHistoryLazily, type History } from '../history/load';
import { RevisionGraph } from '../history/graph';
import { hasImportedTypes, resolveRevisionTypes } from '../history/revisionTypes';
import { initPythonParser } from '../python/parser';
import { analysisNeedsParser, ProjectAnalysis } from './analysis';
import { DEFAULT_INI_SECTION } from '../history/discovery';
import { readVersionTable, type ProjectVersionTable } from '../history/versionTable';
import { discoverProjects, type ProjectLocation } from './discover';
import { historyUnusable } from './readiness';
import { projectDialectInfo, type Dialect } from './database';
import { replayDialectOf, type ReplayDialect } from '../history/replay/dialect';
import type { NamingConvention } from '../schema/naming';
import { findModelFiles } from './modelFiles';
import type { LibrarySearch } from './sitePackages';
import { uninitializedProject } from './uninitialized';

const TEXT = {
  noProject: (root: string) => l10n.t('no Flask-Migrate / Alembic project under {0} (looked for migrations/env.py or alembic.ini)', root),
  notInitialized: (migrations: string) =>
    l10n.t('no migration history yet: {0} does not exist; the app uses Flask-Migrate, so run `flask db init` first', migrations),
  severalProjects: (root: string, found: string) => l10n.t('several projects under {0}: {1}; pass one of them as DIR', root, found),
  noSection: (root: string, section: string, found: string) =>
    l10n.t('no history configured in section [{1}] of the alembic.ini under {0} (sections with a script_location: {2})', root, section, found),
  severalSections: (root: string, found: string) =>
    l10n.t('the alembic.ini under {0} configures several histories and no [alembic] one: {1}; pick one with --name', root, found),
};

export interface ServiceOptions {
  /** The project's persistent cache (by root); none: parse everything. */
  cacheFor?: (root: string) => ProjectCache;
  /** Reads a file as the caller sees it (an open editor buffer wins over the disk); default: the disk, once per file. */
  readFile?: (file: string) => string | null;
  /** Globs (relative to the root) restricting which .py files hold models. */
  modelGlobs?: string[];
  /** The versions directory when discovery should not guess (`--migrations`, the migrationsDirectory setting). */
  migrationsDirectory?: string;
  /** alembic.ini's section to use (`--name`, as `alembic --name`); default [alembic]. */
  iniSection?: string;
  /** A database URL given for this run (`--database-url`): its dialect is the one revisions are read for. */
  databaseUrl?: string;
  /** Where installed libraries are looked for; default: the project's own virtual environment, and folders up to the repository root. */
  libraries?: LibrarySearch;
  /** With no project found, a Flask-Migrate app without its migrations/ folder is one with an empty history (`check` only). */
  acceptUninitialized?: boolean;
}

/** Reads each file from disk once: the cache check and the analysis see the same text. */
function readOnce(): (file: string) => string | null {
  const texts = new Map<string, string | null>();
  return (file) => {
    if (!texts.has(file)) {
      let text: string | null;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = null;
      }
      texts.set(file, text);
    }
    return texts.get(file) ?? null;
  };
}

export class ProjectService {
  private analysisValue: ProjectAnalysis | null = null;
  private historyValue: Promise<History> | null = null;
  private versionTableValue: ProjectVersionTable | null = null;
  private dialectValue: { dialect: Dialect; configured: boolean; reading: ReplayDialect } | null = null;
  readonly cache: ProjectCache;
  private readonly readFile: (file: string) => string | null;

  constructor(
    readonly location: ProjectLocation,
    /** Roots of other projects nested inside this one (their files are not this project's models). */
    readonly otherRoots: string[],
    private readonly options: ServiceOptions = {},
  ) {
    // A folder `flask db init` has not made a project of yet gets no .migration-guard/ of ours either.
    this.cache = (location.uninitialized ? undefined : options.cacheFor?.(location.root)) ?? NO_CACHE;
    this.readFile = options.readFile ?? readOnce();
  }

  get root(): string {
    return this.location.root;
  }

  /** Models, history, diff and findings, kept current by the caller's edits (one per project). */
  analysis(): ProjectAnalysis {
    this.analysisValue ??= new ProjectAnalysis(this.location, {
      readFile: this.readFile,
      otherRoots: this.otherRoots,
      cache: this.cache,
      ...(this.options.modelGlobs ? { modelGlobs: this.options.modelGlobs } : {}),
      ...(this.options.databaseUrl ? { databaseUrl: this.options.databaseUrl } : {}),
      ...(this.options.libraries ? { libraries: this.options.libraries } : {}),
    });
    return this.analysisValue;
  }

  /** As analysis(), loading tree-sitter first only when the cache lacks a model or revision file (the CLI's cold path). */
  async loadedAnalysis(): Promise<ProjectAnalysis> {
    const options = {
      readFile: this.readFile,
      otherRoots: this.otherRoots,
      cache: this.cache,
      ...(this.options.databaseUrl ? { databaseUrl: this.options.databaseUrl } : {}),
    };
    if (!this.analysisValue && analysisNeedsParser(this.location, options)) await initPythonParser();
    const analysis = this.analysis();
    // A base class read from an installed library whose file the cache does not hold yet.
    if (analysis.librariesNeedParser()) {
      await initPythonParser();
      analysis.rereadModels();
    }
    return analysis;
  }

  /** The revision files, parsed (from the cache where it has them), read once per service. */
  history(): Promise<History> {
    this.historyValue ??= this.namingConvention()
      .then((convention) => {
        return loadHistoryLazily(this.location.root, {
          cache: this.cache.revisions,
          readText: (file) => this.readFile(file) ?? undefined,
          ...(this.options.migrationsDirectory ? { migrations: this.options.migrationsDirectory } : {}),
          ...(this.location.iniSection ? { iniSection: this.location.iniSection } : {}),
          dialect: this.replayDialect(),
          ...(convention ? { convention } : {}),
        });
      })
      .then((history) => this.withProjectTypes(history));
    return this.historyValue;
  }

  /**
   * The models' naming_convention, which names what the revisions leave unnamed (as Alembic's
   * target_metadata does). The models are read for it only when a model file mentions one.
   */
  private async namingConvention(): Promise<NamingConvention | null> {
    const files = findModelFiles(this.location, { globs: this.options.modelGlobs, otherRoots: this.otherRoots });
    if (!files.some((file) => this.readFile(file)?.includes('naming_convention'))) return null;
    return (await this.loadedAnalysis()).namingConvention();
  }

  /** Types the revisions import from the project, read through its modules (only then are the models read). */
  private async withProjectTypes(history: History): Promise<History> {
    if (!hasImportedTypes(history.revisions)) return history;
    const analysis = await this.loadedAnalysis();
    const { revisions, fingerprint } = resolveRevisionTypes(history.revisions, analysis.revisionTypes());
    return {
      ...history,
      revisions,
      graph: new RevisionGraph(revisions),
      ...(history.digest !== undefined ? { digest: `${history.digest}:${fingerprint}` } : {}),
    };
  }

  /** The project's dialect (`--database-url`, else its configuration; PostgreSQL when none) and what revision bodies are read for. */
  dialect(): { dialect: Dialect; configured: boolean; reading: ReplayDialect } {
    if (!this.dialectValue) {
      const info = projectDialectInfo(this.location.root, {
        ...(this.options.databaseUrl ? { explicit: this.options.databaseUrl, explicitLabel: '--database-url' } : {}),
        ...(this.location.iniSection ? { iniSection: this.location.iniSection } : {}),
      });
      this.dialectValue = { ...info, reading: replayDialectOf(info.dialect) };
    }
    return this.dialectValue;
  }

  private replayDialect(): ReplayDialect {
    return this.dialect().reading;
  }

  /** Where the project records its revisions (env.py's version_table, Flask-Migrate's Migrate(...)), read once. */
  versionTable(): ProjectVersionTable {
    this.versionTableValue ??= readVersionTable(this.location.root, this.location);
    return this.versionTableValue;
  }

  /** The history when the database verbs can use it, else why not (readiness.ts decides). */
  async usableHistory(): Promise<{ ok: true; history: History } | { ok: false; message: string }> {
    const history = await this.history();
    const problem = historyUnusable(history, this.location.root);
    return problem === null ? { ok: true, history } : { ok: false, message: problem };
  }
}

export type OpenedProject = { ok: true; project: ProjectService } | { ok: false; message: string };

/** Every project of a folder (the language server's workspace folders). */
export function projectsIn(folder: string, options: ServiceOptions = {}): ProjectService[] {
  const locations = discoverProjects(folder, options.migrationsDirectory ? { migrationsDirectory: options.migrationsDirectory } : {});
  return locations.map((location) => new ProjectService(location, excludedRoots(location, locations), options));
}

const inside = (dir: string, file: string) => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * What is not this project's models: nested projects, and for the other sections of its alembic.ini, their
 * migration folders and the package holding them (`analytics/migrations` → `analytics/`) unless it holds ours too.
 */
function excludedRoots(location: ProjectLocation, all: readonly ProjectLocation[]): string[] {
  const others = all.filter((other) => other !== location);
  const nested = others.filter((other) => other.root !== location.root && inside(location.root, other.root)).map((other) => other.root);
  const siblings = others
    .filter((other) => other.root === location.root)
    .flatMap((other) => {
      const owner = path.dirname(other.scriptLocation);
      const ownPackage = owner !== location.root && inside(location.root, owner) && !inside(owner, location.scriptLocation);
      return [other.scriptLocation, ...other.versionDirs, ...(ownPackage ? [owner] : [])];
    });
  return [...new Set([...nested, ...siblings])];
}

/** The project of the chosen alembic.ini section among those rooted at `root`. */
function pickSection(root: string, atRoot: ProjectLocation[], section: string | undefined): ProjectLocation | string {
  const name = (p: ProjectLocation) => p.iniSection ?? DEFAULT_INI_SECTION;
  const found = atRoot.map(name).join(', ');
  if (section !== undefined) return atRoot.find((p) => name(p) === section) ?? TEXT.noSection(root, section, found);
  // As Alembic: without --name, the [alembic] section.
  return atRoot.find((p) => p.iniSection === undefined) ?? (atRoot.length === 1 ? (atRoot[0] as ProjectLocation) : TEXT.severalSections(root, found));
}

/** The one project at (or under) DIR (a CLI verb's DIR): discovery only, nothing parsed yet. */
export function openProject(dir: string, options: ServiceOptions = {}): OpenedProject {
  const root = path.resolve(dir);
  const locations = discoverProjects(root, options.migrationsDirectory ? { migrationsDirectory: options.migrationsDirectory } : {});
  if (locations.length === 0) {
    const uninitialized = options.migrationsDirectory ? null : uninitializedProject(root);
    if (!uninitialized) return { ok: false, message: TEXT.noProject(root) };
    // Only check compares such an app; every other verb needs the folder `flask db init` makes.
    if (!options.acceptUninitialized) return { ok: false, message: TEXT.notInitialized(uninitialized.scriptLocation) };
    locations.push(uninitialized);
  }
  const roots = [...new Set(locations.map((p) => p.root))];
  const projectRoot = roots.includes(root) ? root : roots.length === 1 ? roots[0] : undefined;
  if (projectRoot === undefined) return { ok: false, message: TEXT.severalProjects(root, roots.map((r) => path.relative(root, r) || '.').join(', ')) };
  const project = pickSection(
    projectRoot,
    locations.filter((p) => p.root === projectRoot),
    options.iniSection,
  );
  if (typeof project === 'string') return { ok: false, message: project };
  return { ok: true, project: new ProjectService(project, excludedRoots(project, locations).concat(otherRootsOf(project, locations)), options) };
}

/** Every other project root (a CLI DIR's model files never belong to a sibling project either). */
function otherRootsOf(project: ProjectLocation, all: readonly ProjectLocation[]): string[] {
  return [...new Set(all.filter((p) => p.root !== project.root).map((p) => p.root))];
}
