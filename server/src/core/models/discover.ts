// The Python files of a project that may declare models: every .py file under the directory except
// Alembic's migrations, virtual environments, node_modules, caches and hidden directories.
// Models are then recognised by their base classes, not by file name.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { walkFiles } from '../walk';
import type { SourceFile } from './types';

/** Alembic's own folders hold revisions, not models. */
const MIGRATION_DIR_NAMES = new Set(['migrations', 'alembic']);
/** Larger files are generated code or data, not models. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** An Alembic script directory under any name (env.py + versions/). */
function isScriptDirectory(dir: string): boolean {
  return existsSync(path.join(dir, 'env.py')) && existsSync(path.join(dir, 'versions'));
}

/** Paths of candidate model files under `root`, sorted. */
export function findPythonFiles(root: string): string[] {
  const files = walkFiles(root, (name) => name.endsWith('.py'), {
    maxDepth: 12,
    maxFiles: 20_000,
    exclude: (dir) => MIGRATION_DIR_NAMES.has(path.basename(dir)) || isScriptDirectory(dir),
  });
  return files.filter((file) => statSync(file).size <= MAX_FILE_BYTES);
}

/** Reads the candidate model files of a project. */
export function readProjectPythonFiles(root: string): SourceFile[] {
  return findPythonFiles(root).map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
}
