// Finds the Flask-Migrate / Alembic projects inside a workspace folder. A project is rooted where
// alembic.ini lives, or at the parent of a migrations script directory (Flask-Migrate keeps its
// alembic.ini inside migrations/, so that one belongs to the parent too).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { findVersionDirs } from '../history/discovery';
import type { Note } from '../source';
import { dirsContaining } from '../walk';

export interface ProjectLocation {
  /** The project directory: alembic.ini's folder, or the parent of migrations/. Model files are searched below it. */
  root: string;
  /** The Alembic script directory (env.py, script.py.mako). */
  scriptLocation: string;
  versionDirs: string[];
  recursive: boolean;
  /** Configuration problems found on the way (unreadable alembic.ini, missing version locations). */
  notes: Note[];
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

function candidateRoots(folder: string, maxDepth: number): string[] {
  const roots = new Set<string>();
  for (const dir of dirsContaining(folder, 'alembic.ini', maxDepth)) roots.add(isScriptDir(dir) ? path.dirname(dir) : dir);
  for (const dir of dirsContaining(folder, 'env.py', maxDepth)) if (isScriptDir(dir)) roots.add(path.dirname(dir));
  // Shallow roots first, so that a project's own alembic.ini wins over a nested copy.
  return [...roots].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : a > b ? 1 : 0));
}

function locate(root: string, explicit?: string): ProjectLocation {
  const dirs = findVersionDirs(root, explicit);
  return { root, scriptLocation: dirs.scriptLocation, versionDirs: dirs.versionDirs, recursive: dirs.recursive ?? false, notes: dirs.notes };
}

/** Every project in the folder, one per Alembic script directory. Never throws on odd layouts. */
export function discoverProjects(folder: string, options: DiscoverOptions = {}): ProjectLocation[] {
  const root = path.resolve(folder);
  if (options.migrationsDirectory) return [locate(root, options.migrationsDirectory)];
  const seen = new Set<string>();
  const out: ProjectLocation[] = [];
  for (const candidate of candidateRoots(root, options.maxDepth ?? 6)) {
    const project = locate(candidate);
    if (project.versionDirs.length === 0 && !isScriptDir(project.scriptLocation)) continue;
    if (seen.has(project.scriptLocation)) continue;
    seen.add(project.scriptLocation);
    out.push(project);
  }
  return out;
}
