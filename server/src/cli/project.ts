// The CLI's projects: every verb opens its DIR through the one project service (core/project/service.ts),
// with this run's persistent cache (cli/cache.ts; off with --no-cache). Nothing here parses by itself.
import type { ProjectAnalysis } from '../core/project/analysis';
import type { ProjectLocation } from '../core/project/discover';
import { openProject, type OpenedProject } from '../core/project/service';
import type { LibrarySearch } from '../core/project/sitePackages';
import { historyView, type HistoryResult } from '../db/projectHistory';
import { projectCache } from './cache';
import { projectSection } from './section';
import { projectPython } from './python';
import { DEFAULT_VERSION_TABLE, type VersionTable } from '../core/history/versionTable';

/**
 * The one project at (or under) DIR; `migrations` is `--migrations PATH` where a verb takes it, `databaseUrl`
 * its `--database-url` (that database's dialect is what the revisions' dialect tests are read for).
 */
export function openCliProject(dir: string, migrations?: string, databaseUrl?: string, acceptUninitialized = false): OpenedProject {
  const iniSection = projectSection();
  return openProject(dir, {
    ...(acceptUninitialized ? { acceptUninitialized } : {}),
    cacheFor: projectCache,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(migrations ? { migrationsDirectory: migrations } : {}),
    ...(iniSection !== undefined ? { iniSection } : {}),
    libraries: cliLibrarySearch(),
  });
}

/** Libraries the models derive from: --python's (or the activated VIRTUAL_ENV's) site-packages, then the project's virtual environment. */
export function cliLibrarySearch(): LibrarySearch {
  const interpreter = projectPython();
  return { allowOutside: true, ...(interpreter ? { interpreter } : {}) };
}

export type LocatedProject = { ok: true; project: ProjectLocation; otherRoots: string[] } | { ok: false; message: string };

/** ` --name SECTION` for a command line the user can paste, when the project is not alembic.ini's [alembic]. */
export function sectionFlag(section: string | undefined): string {
  if (section === undefined) return '';
  return /^[\w.-]+$/.test(section) ? ` --name ${section}` : ` --name '${section.replace(/'/g, "'\\''")}'`;
}

/** The one project at (or under) DIR (discovery only, nothing parsed). */
export function locateProject(dir: string): LocatedProject {
  const opened = openCliProject(dir);
  return opened.ok ? { ok: true, project: opened.project.location, otherRoots: opened.project.otherRoots } : opened;
}

export type LoadedProject = { ok: true; project: ProjectLocation; analysis: ProjectAnalysis } | { ok: false; message: string };

/** The one project at (or under) DIR, analysed from disk; tree-sitter is loaded only when the cache lacks a file. */
export async function loadProject(dir: string, databaseUrl?: string, acceptUninitialized = false): Promise<LoadedProject> {
  const opened = openCliProject(dir, undefined, databaseUrl, acceptUninitialized);
  if (!opened.ok) return opened;
  return { ok: true, project: opened.project.location, analysis: await opened.project.loadedAnalysis() };
}

/** DIR's history as the database verbs need it, or why it cannot be used. */
export async function loadProjectHistory(dir: string, databaseUrl?: string): Promise<HistoryResult> {
  const opened = openCliProject(dir, undefined, databaseUrl);
  if (!opened.ok) return opened;
  const usable = await opened.project.usableHistory();
  if (!usable.ok) return usable;
  // What env.py sets for the version table but cannot be read statically is said with the history's notes.
  const versionTable = opened.project.versionTable();
  const history = versionTable.notes.length === 0 ? usable.history : { ...usable.history, notes: [...usable.history.notes, ...versionTable.notes] };
  return { ok: true, history: historyView(history, versionTable.table, versionTable.offline) };
}

/** Where DIR's project records its revisions (alembic_version unless env.py or the app says otherwise). */
export function projectVersionTable(dir: string): VersionTable {
  const opened = openCliProject(dir);
  return opened.ok ? opened.project.versionTable().table : DEFAULT_VERSION_TABLE;
}
