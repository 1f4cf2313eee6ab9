// The persistent cache as the CLI uses it: one per project root per run, on unless --no-cache,
// written once when the verb is done (main.ts calls flushCaches).
import path from 'node:path';
import { NO_CACHE, openProjectCache, type ProjectCache } from '../core/cache/projectCache';
import { isProjectDir } from '../core/project/toolDir';

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

/** The cache of DIR when DIR is a project root (alembic.ini, or Flask-Migrate's migrations/); else none. */
export function projectCacheAt(dir: string): ProjectCache {
  const root = path.resolve(dir);
  return isProjectDir(root) ? projectCache(root) : NO_CACHE;
}
