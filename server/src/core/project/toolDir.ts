// The project's .migration-guard/ folder (embedded database, cache, backups index): created only
// inside a real project, and it ignores itself so that git never picks up its files.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const TOOL_DIR = '.migration-guard';

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** True when DIR holds an Alembic project: alembic.ini, or a migrations/ script directory (env.py). */
export function isProjectDir(dir: string): boolean {
  return isFile(path.join(dir, 'alembic.ini')) || isFile(path.join(dir, 'migrations', 'env.py')) || isFile(path.join(dir, 'migrations', 'alembic.ini'));
}

/** DIR/.migration-guard (and a sub-folder), created with its own `.gitignore` holding `*`. */
export function ensureToolDir(projectDir: string, ...sub: string[]): string {
  const root = path.join(projectDir, TOOL_DIR);
  mkdirSync(path.join(root, ...sub), { recursive: true });
  const ignore = path.join(root, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Created by Migration Guard: nothing in this folder belongs in git.\n*\n');
  return path.join(root, ...sub);
}
