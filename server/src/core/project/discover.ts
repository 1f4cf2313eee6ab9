// Finds the Flask-Migrate / Alembic projects inside a workspace folder. A project is rooted where
// alembic.ini lives, or at the parent of a migrations script directory (Flask-Migrate keeps its
// alembic.ini inside migrations/, so that one belongs to the parent too).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { findVersionDirs, iniProjectSections, isFlaskAlembicDir } from '../history/discovery';
import type { Note } from '../source';
import { dirsContainingEach } from '../walk';

export interface ProjectLocation {
  /** The project directory: alembic.ini's folder, or the parent of migrations/. Model files are searched below it. */
  root: string;
  /** The Alembic script directory (env.py, script.py.mako). */
  scriptLocation: string;
  versionDirs: string[];
  recursive: boolean;
  /** Flask-Alembic layout: upgrades go to "heads", new revisions onto the "default" branch (see VersionDirs). */
  flaskAlembic?: boolean;
  /** The alembic.ini read, when there is one. */
  iniFile?: string;
  /** alembic.ini's section when it is not [alembic]: one project per section that sets script_location (`alembic --name`). */
  iniSection?: string;
  /** Configuration problems found on the way (unreadable alembic.ini, missing version locations). */
  notes: Note[];
  /** A Flask-Migrate app with no migrations/ folder yet (uninitialized.ts): its history is empty. */
  uninitialized?: boolean;
}

export interface DiscoverOptions {
  /** An explicit migrations folder, alembic.ini or versions folder, relative to the workspace folder. */
  migrationsDirectory?: string;
  /** How deep below the folder to look. */
  maxDepth?: number;
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** A folder holding env.py beside script.py.mako or versions/ is an Alembic script directory. */
function isScriptDir(dir: string): boolean {
  return isFile(path.join(dir, 'env.py')) && (isFile(path.join(dir, 'script.py.mako')) || isDir(path.join(dir, 'versions')));
}

/** Where a Python project starts: the nearest folder above `dir` with packaging files, else dir's parent. */
function packageRoot(dir: string, folder: string): string {
  for (let current = path.dirname(dir); current.startsWith(folder); current = path.dirname(current)) {
    if (['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt'].some((f) => isFile(path.join(current, f)))) return current;
    if (current === folder) break;
  }
  return path.dirname(dir);
}

interface Candidate {
  root: string;
  /** The script directory, when it is not found from the root by the usual rules (Flask-Alembic). */
  explicit?: string;
}

function candidateRoots(folder: string, maxDepth: number): Candidate[] {
  const roots = new Map<string, Candidate>();
  const add = (candidate: Candidate) => roots.set(`${candidate.root}\0${candidate.explicit ?? ''}`, candidate);
  // One walk for the three markers (a versions folder of thousands of files is listed once, not three times).
  const found = dirsContainingEach(folder, ['alembic.ini', 'env.py', 'script.py.mako'], maxDepth);
  for (const dir of found.get('alembic.ini') ?? []) add({ root: isScriptDir(dir) ? path.dirname(dir) : dir });
  for (const dir of found.get('env.py') ?? []) if (isScriptDir(dir)) add({ root: path.dirname(dir) });
  for (const dir of found.get('script.py.mako') ?? []) if (isFlaskAlembicDir(dir)) add({ root: packageRoot(dir, folder), explicit: dir });
  // Shallow roots first, so that a project's own alembic.ini wins over a nested copy.
  const depth = (c: Candidate) => c.root.split(path.sep).length;
  return [...roots.values()].sort((a, b) => depth(a) - depth(b) || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

function locate(root: string, explicit?: string, section?: string): ProjectLocation {
  const dirs = findVersionDirs(root, explicit, section);
  return {
    root,
    scriptLocation: dirs.scriptLocation,
    versionDirs: dirs.versionDirs,
    recursive: dirs.recursive ?? false,
    ...(dirs.flaskAlembic ? { flaskAlembic: true } : {}),
    ...(dirs.iniFile ? { iniFile: dirs.iniFile } : {}),
    ...(dirs.iniSection ? { iniSection: dirs.iniSection } : {}),
    notes: dirs.notes,
  };
}

/** The root's project for each alembic.ini section that configures a history: [alembic] first, then `--name` ones. */
function locateSections(root: string, explicit?: string): ProjectLocation[] {
  const first = locate(root, explicit);
  if (!first.iniFile) return [first];
  const named = iniProjectSections(first.iniFile).slice(1);
  const sections = named.map((section) => locate(root, explicit, section));
  // An ini whose [alembic] sets nothing (only named sections) has no default project.
  const hasDefault = first.versionDirs.length > 0 || isScriptDir(first.scriptLocation) || sections.length === 0;
  return hasDefault ? [first, ...sections] : sections;
}

/** Every project in the folder, one per Alembic script directory. Never throws on odd layouts. */
export function discoverProjects(folder: string, options: DiscoverOptions = {}): ProjectLocation[] {
  const root = path.resolve(folder);
  if (options.migrationsDirectory) return locateSections(root, options.migrationsDirectory);
  const seen = new Set<string>();
  const out: ProjectLocation[] = [];
  for (const candidate of candidateRoots(root, options.maxDepth ?? 6)) {
    for (const project of locateSections(candidate.root, candidate.explicit)) {
      if (project.versionDirs.length === 0 && !isScriptDir(project.scriptLocation)) continue;
      if (seen.has(project.scriptLocation)) {
        // Two sections naming the same folders are one history (e.g. the same migrations for two databases).
        const same = out.find((p) => p.scriptLocation === project.scriptLocation && p.versionDirs.join('\0') === project.versionDirs.join('\0'));
        if (!project.iniSection || same) continue;
      }
      seen.add(project.scriptLocation);
      out.push(project);
    }
  }
  return out;
}
