// The one project service: discovery, the content-hashed cache, the model and history reads, the
// replay and the diff, behind one object per project. The language server (lsp/workspace.ts) and every
// CLI verb (cli/project.ts) make their projects here; whether a history is usable is decided in
// readiness.ts, which both call through this service.
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NO_CACHE, type ProjectCache } from '../cache/projectCache';
import { loadHistoryLazily, type History } from '../history/load';
import { initPythonParser } from '../python/parser';
import { analysisNeedsParser, ProjectAnalysis } from './analysis';
import { discoverProjects, type ProjectLocation } from './discover';
import { historyUnusable } from './readiness';

const TEXT = {
  noProject: (root: string) => l10n.t('no Flask-Migrate / Alembic project under {0} (looked for migrations/env.py or alembic.ini)', root),
  severalProjects: (root: string, found: string) => l10n.t('several projects under {0}: {1}; pass one of them as DIR', root, found),
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
  readonly cache: ProjectCache;
  private readonly readFile: (file: string) => string | null;

  constructor(
    readonly location: ProjectLocation,
    /** Roots of other projects nested inside this one (their files are not this project's models). */
    readonly otherRoots: string[],
    private readonly options: ServiceOptions = {},
  ) {
    this.cache = options.cacheFor?.(location.root) ?? NO_CACHE;
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
    });
    return this.analysisValue;
  }

  /** As analysis(), loading tree-sitter first only when the cache lacks a model or revision file (the CLI's cold path). */
  async loadedAnalysis(): Promise<ProjectAnalysis> {
    if (!this.analysisValue && analysisNeedsParser(this.location, { readFile: this.readFile, otherRoots: this.otherRoots, cache: this.cache }))
      await initPythonParser();
    return this.analysis();
  }

  /** The revision files, parsed (from the cache where it has them), read once per service. */
  history(): Promise<History> {
    this.historyValue ??= loadHistoryLazily(this.location.root, {
      cache: this.cache.revisions,
      readText: (file) => this.readFile(file) ?? undefined,
      ...(this.options.migrationsDirectory ? { migrations: this.options.migrationsDirectory } : {}),
    });
    return this.historyValue;
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
  const roots = locations.map((l) => l.root);
  const inside = (dir: string, file: string) => {
    const relative = path.relative(dir, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  return locations.map(
    (location) =>
      new ProjectService(
        location,
        roots.filter((r) => r !== location.root && inside(location.root, r)),
        options,
      ),
  );
}

/** The one project at (or under) DIR (a CLI verb's DIR): discovery only, nothing parsed yet. */
export function openProject(dir: string, options: ServiceOptions = {}): OpenedProject {
  const root = path.resolve(dir);
  const locations = discoverProjects(root, options.migrationsDirectory ? { migrationsDirectory: options.migrationsDirectory } : {});
  if (locations.length === 0) return { ok: false, message: TEXT.noProject(root) };
  const project = locations.find((p) => p.root === root) ?? (locations.length === 1 ? locations[0] : undefined);
  if (!project) return { ok: false, message: TEXT.severalProjects(root, locations.map((p) => path.relative(root, p.root) || '.').join(', ')) };
  const otherRoots = locations.filter((p) => p !== project).map((p) => p.root);
  return { ok: true, project: new ProjectService(project, otherRoots, options) };
}
