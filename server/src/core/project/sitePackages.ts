// Where a project's third-party packages are installed, without running Python: its virtual
// environment (`.venv`, `venv`, or `env` holding pyvenv.cfg, in the project root or a folder above
// it), and the site-packages of the Python the user configured (migrationGuard.pythonPath,
// python.defaultInterpreterPath, --python, VIRTUAL_ENV). Base classes and mixins from libraries are
// read from there (models/libraryModules.ts). In an untrusted workspace nothing outside the
// workspace folder is ever read: a `.venv` inside it is fine, a configured interpreter elsewhere is not.
// Each environment's `.pth` folders and, when its pyvenv.cfg says so, the system site-packages follow
// it (pthFolders.ts).
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isDir, pthFolders, systemSitePrefixes } from './pthFolders';

export interface LibrarySearch {
  /** The folder nothing is searched above (the editor's workspace folder); default: the repository root or 4 levels up. */
  boundary?: string;
  /** A configured Python executable (or its environment's folder); `${workspaceFolder}` and relative paths are read against the boundary. */
  interpreter?: string;
  /** False in an untrusted workspace: every folder and file read must be inside the boundary. */
  allowOutside: boolean;
}

const VENV_NAMES = ['.venv', 'venv', 'env'];
const MAX_LEVELS_UP = 4;

function real(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** Whether `file` (after symlinks) is `dir` or inside it. */
export function realInside(dir: string, file: string): boolean {
  const realDir = real(dir);
  const realFile = real(file);
  if (!realDir || !realFile) return false;
  const relative = path.relative(realDir, realFile);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `lib/python3.X/site-packages` (newest first), `lib64/...`, Windows' `Lib/site-packages` of an environment or prefix. */
function sitePackagesOf(prefix: string): string[] {
  const out: string[] = [];
  for (const lib of ['lib', 'lib64']) {
    const libDir = path.join(prefix, lib);
    let names: string[];
    try {
      names = readdirSync(libDir).filter((n) => /^python3(\.\d+)?$/.test(n));
    } catch {
      continue;
    }
    names.sort((a, b) => Number(b.split('.')[1] ?? 0) - Number(a.split('.')[1] ?? 0));
    for (const name of names) {
      for (const leaf of ['site-packages', 'dist-packages']) {
        const dir = path.join(libDir, name, leaf);
        if (isDir(dir)) out.push(dir);
      }
    }
  }
  const windows = path.join(prefix, 'Lib', 'site-packages');
  if (isDir(windows)) out.push(windows);
  return out;
}

/** The folders above the root that are searched for an environment: up to the boundary, else to the repository root. */
function searchedFolders(root: string, boundary: string | undefined): string[] {
  const folders: string[] = [];
  let dir = path.resolve(root);
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    folders.push(dir);
    if (boundary && path.resolve(dir) === path.resolve(boundary)) break;
    if (!boundary && existsSync(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    if (boundary && path.relative(boundary, parent).startsWith('..')) break;
    dir = parent;
  }
  return folders;
}

/** The environment folder of a configured Python: `<env>/bin/python`, `<env>\Scripts\python.exe`, or the folder itself. */
function interpreterPrefix(interpreter: string, boundary: string | undefined, root: string): string {
  const base = boundary ?? root;
  const expanded = interpreter.trim().replace(/\$\{workspaceFolder\}/g, base);
  const absolute = path.isAbsolute(expanded) ? expanded : path.resolve(base, expanded);
  if (isDir(absolute)) return absolute;
  const binDir = path.dirname(absolute);
  return ['bin', 'Scripts'].includes(path.basename(binDir)) ? path.dirname(binDir) : binDir;
}

/**
 * An environment's site-packages, each followed by the folders its `.pth` files add; then the system's, if
 * included. `readable` guards every folder before it is listed or read (an untrusted workspace reads nothing outside).
 */
function environmentFolders(prefix: string, readable: (dir: string) => boolean): string[] {
  const out: string[] = [];
  if (!readable(prefix)) return out;
  const withPth = (site: string) => {
    if (!readable(site)) return;
    const dirs = sitePackagesOf(site).filter(readable);
    for (const dir of dirs) out.push(dir, ...pthFolders(dir).filter(readable));
  };
  withPth(prefix);
  for (const system of systemSitePrefixes(prefix)) withPth(system);
  return out;
}

/** The site-packages folders to read library modules from, most specific first, without duplicates. */
export function findSitePackages(root: string, search: LibrarySearch): string[] {
  const readable = (dir: string) => search.allowOutside || (search.boundary !== undefined && realInside(search.boundary, dir));
  const found: string[] = [];
  const add = (dirs: string[]) => {
    for (const dir of dirs) {
      const key = real(dir) ?? dir;
      if (!found.some((f) => (real(f) ?? f) === key)) found.push(dir);
    }
  };
  if (search.interpreter?.trim()) add(environmentFolders(interpreterPrefix(search.interpreter, search.boundary, root), readable));
  for (const folder of searchedFolders(root, search.boundary)) {
    for (const name of VENV_NAMES) {
      const env = path.join(folder, name);
      // `env` is a common folder name for other things: only an environment with its pyvenv.cfg counts.
      if (name === 'env' && !existsSync(path.join(env, 'pyvenv.cfg'))) continue;
      if (isDir(env)) add(environmentFolders(env, readable));
    }
  }
  return found;
}
