// Which Python files of a project may hold models. The models engine recognises model classes by
// their declarative base, not by file name, so this only leaves out what is never application code:
// migrations, tests, other projects, virtual environments.
import path from 'node:path';
import type { ProjectLocation } from './discover';
import { walkFiles } from '../walk';
import { isPluginRevisionPath } from '../history/pluginHistories';

const TEST_DIRS = new Set(['tests', 'test', 'testing']);

function isTestFile(name: string): boolean {
  return name === 'conftest.py' || name.startsWith('test_') || name.endsWith('_test.py');
}

/** A glob (`**`, `*`, `?`, relative to the project root, `/`-separated) as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export interface ModelFileOptions {
  /** When given, only files matching one of these globs (relative to the project root). */
  globs?: string[];
  /** Other projects' roots inside this one, whose files belong to them. */
  otherRoots?: string[];
  maxFiles?: number;
}

/** Candidate model files, sorted. */
export function findModelFiles(project: ProjectLocation, options: ModelFileOptions = {}): string[] {
  const excluded = new Set([project.scriptLocation, ...project.versionDirs, ...(options.otherRoots ?? [])].map((p) => path.resolve(p)));
  const globs = options.globs?.filter((g) => g.trim() !== '').map(globToRegExp);
  const files = walkFiles(project.root, (name) => name.endsWith('.py') && (globs !== undefined || !isTestFile(name)), {
    maxDepth: 8,
    maxFiles: options.maxFiles ?? 5000,
    exclude: (dir) => excluded.has(dir) || (globs === undefined && TEST_DIRS.has(path.basename(dir))),
  });
  // Plugin histories' revision files are history (pluginHistories.ts), not models.
  const candidates = files.filter((file) => !isPluginRevisionPath(file));
  if (!globs || globs.length === 0) return candidates;
  return candidates.filter((file) => {
    const relative = path.relative(project.root, file).split(path.sep).join('/');
    return globs.some((re) => re.test(relative));
  });
}

/** Whether a file belongs to the project's model files (used for files created after discovery). */
export function isModelFileCandidate(project: ProjectLocation, file: string, options: ModelFileOptions = {}): boolean {
  if (!file.endsWith('.py')) return false;
  const relative = path.relative(project.root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const inside = (dir: string) => {
    const r = path.relative(dir, file);
    return !r.startsWith('..') && !path.isAbsolute(r);
  };
  if ([project.scriptLocation, ...project.versionDirs, ...(options.otherRoots ?? [])].some(inside) || isPluginRevisionPath(file)) return false;
  const parts = relative.split(path.sep);
  const globs = options.globs?.filter((g) => g.trim() !== '').map(globToRegExp);
  if (globs && globs.length > 0) return globs.some((re) => re.test(parts.join('/')));
  const name = parts[parts.length - 1] ?? '';
  return !isTestFile(name) && !parts.slice(0, -1).some((p) => TEST_DIRS.has(p) || p.startsWith('.') || p === 'venv' || p === 'site-packages');
}
