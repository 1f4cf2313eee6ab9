// What many tests set up the same way: a project analysed from the files on disk, and throwaway copies
// of a fixture (without its .migration-guard cache), removed when the suite ends.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProjectAnalysis } from '../../src/core/project/analysis';
import { discoverProjects } from '../../src/core/project/discover';

/** The project at `dir`, read from disk (`texts` stands in for files an editor has open). */
export function analysisOnDisk(dir: string, texts: ReadonlyMap<string, string> = new Map()): ProjectAnalysis {
  const [location] = discoverProjects(dir);
  assert.ok(location, `a project at ${dir}`);
  return new ProjectAnalysis(location, { readFile: (f) => texts.get(f) ?? (existsSync(f) ? readFileSync(f, 'utf8') : null) });
}

/** Temporary folders for one suite: `after(() => scratch.removeAll())`. */
export class Scratch {
  private readonly dirs: string[] = [];

  /** An empty temporary folder. */
  dir(prefix = 'mg-test-'): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** A copy of `fixture` (a folder) in a new temporary folder, without the fixture's own cache. */
  copy(fixture: string, prefix = 'mg-test-'): string {
    const dir = this.dir(prefix);
    cpSync(fixture, dir, { recursive: true });
    rmSync(path.join(dir, '.migration-guard'), { recursive: true, force: true });
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
