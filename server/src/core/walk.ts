// The one directory walker of the engine: the editor, `check` and `schema --from models` must agree on
// which folders are project code. Skipped: hidden folders, virtual environments, caches, VCS, build output.
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  'venv',
  '.venv',
  'env',
  '.env',
  'site-packages',
  'dist',
  'build',
  '.migration-guard',
  '.vscode',
  '.idea',
  '.e2e-cache',
]);

/** True for directories that are never searched: hidden ones, caches, VCS, and virtual environments (which hold pyvenv.cfg). */
export function isSkippedDir(dir: string, name: string): boolean {
  if (name.startsWith('.') || SKIPPED_DIRS.has(name) || name.endsWith('.egg-info')) return true;
  return existsSync(path.join(dir, name, 'pyvenv.cfg'));
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

export interface WalkOptions {
  maxDepth: number;
  /** Stop after this many files: a workspace is not the whole disk. */
  maxFiles: number;
  /** Directories (absolute) not to enter. */
  exclude?: (dir: string) => boolean;
}

/** Every file under root whose name passes `accept`, in a stable (sorted) order. */
export function walkFiles(root: string, accept: (name: string) => boolean, options: WalkOptions): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    const entries = listDir(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= options.maxFiles) return;
      // The path is joined only for what is used: a versions folder holds thousands of files no walk wants.
      if (entry.isDirectory()) {
        const full = path.join(dir, entry.name);
        if (depth < options.maxDepth && !isSkippedDir(dir, entry.name) && !options.exclude?.(full)) visit(full, depth + 1);
      } else if (entry.isFile() && accept(entry.name)) {
        out.push(path.join(dir, entry.name));
      }
    }
  };
  visit(root, 0);
  return out;
}

/** Directories under root (root included) that hold a file named after each marker, in one walk: marker → directories, in walk order. */
export function dirsContainingEach(root: string, markers: readonly string[], maxDepth: number): Map<string, string[]> {
  const wanted = new Set(markers);
  const found = new Map<string, string[]>(markers.map((m) => [m, []]));
  for (const file of walkFiles(root, (name) => wanted.has(name), { maxDepth, maxFiles: 10_000 * markers.length }))
    found.get(path.basename(file))?.push(path.dirname(file));
  return found;
}
