// The Python files of a project that may declare models: every .py file under the directory except
// Alembic's migrations, virtual environments, node_modules, caches and hidden directories.
// Models are then recognised by their base classes, not by file name.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from './types';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', 'migrations', 'alembic']);
/** Larger files are generated code or data, not models. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function isSkippedDirectory(dir: string, name: string): boolean {
  if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) return true;
  // A virtual environment under any name, or an Alembic script directory (env.py + versions/).
  if (existsSync(path.join(dir, name, 'pyvenv.cfg'))) return true;
  return existsSync(path.join(dir, name, 'env.py')) && existsSync(path.join(dir, name, 'versions'));
}

/** Paths of candidate model files under `root`, sorted. */
export function findPythonFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 12) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (!isSkippedDirectory(dir, name)) walk(full, depth + 1);
      } else if (name.endsWith('.py') && stats.size <= MAX_FILE_BYTES) {
        out.push(full);
      }
    }
  };
  walk(root, 0);
  return out;
}

/** Reads the candidate model files of a project. */
export function readProjectPythonFiles(root: string): SourceFile[] {
  return findPythonFiles(root).map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
}
