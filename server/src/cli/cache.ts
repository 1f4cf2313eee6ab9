// The persistent cache as the CLI uses it: one per project root per run, on unless --no-cache,
// written once when the verb is done (main.ts calls flushCaches).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NO_CACHE, openProjectCache, type ProjectCache } from '../core/cache/projectCache';

let enabled = true;
const opened = new Map<string, ProjectCache>();

export function setCacheEnabled(on: boolean): void {
  enabled = on;
}

/** The cache of a project discovery found (never of a folder that is not a project). */
export function projectCache(projectRoot: string): ProjectCache {
  if (!enabled) return NO_CACHE;
  let cache = opened.get(projectRoot);
  if (!cache) {
    cache = openProjectCache(projectRoot);
    opened.set(projectRoot, cache);
  }
  return cache;
}

export function flushCaches(): void {
  for (const cache of opened.values()) cache.flush();
  opened.clear();
}

/** The cache of DIR when DIR is a project root (alembic.ini, or Flask-Migrate's migrations/env.py); else none. */
export function projectCacheAt(dir: string): ProjectCache {
  const root = path.resolve(dir);
  const isProject = existsSync(path.join(root, 'alembic.ini')) || existsSync(path.join(root, 'migrations', 'env.py'));
  return isProject ? projectCache(root) : NO_CACHE;
}
