// Reading a project's whole history from disk: find the version dirs, parse every revision file,
// build the graph. Needs `await initPythonParser()` once beforehand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Note } from '../source';
import { findVersionDirs } from './discovery';
import { RevisionGraph } from './graph';
import { parseRevisionFile } from './revisionFile';
import type { ParsedRevision, VersionDirs } from './types';

export interface History {
  versionDirs: VersionDirs;
  revisions: ParsedRevision[];
  graph: RevisionGraph;
  /** Discovery and graph notes, plus each file's own notes (body notes stay on the revision). */
  notes: Note[];
}

export interface LoadHistoryOptions {
  /** An explicit migrations folder, versions folder or alembic.ini (relative to the project). */
  migrations?: string;
  /** Text of files open in an editor, preferred over the disk. */
  readText?: (file: string) => string | undefined;
}

/** Alembic loads every .py file except editor lock files and __init__.py. */
const REVISION_FILE = /^(?!\.#|__init__)(.*\.py)$/;

/** Revision files in a version dir; sub-folders only when recursive (Alembic ≥ 1.10's recursive_version_locations). */
export function listRevisionFiles(dir: string, recursive: boolean, notes: Note[]): string[] {
  const files: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    notes.push({ severity: 'warning', kind: 'config', message: `versions folder ${dir} does not exist` });
    return files;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (name === '__pycache__' || name.startsWith('.')) continue;
      const nested = listRevisionFiles(full, true, []);
      if (recursive) files.push(...nested);
      else if (nested.length > 0) {
        notes.push({ severity: 'info', kind: 'nested-versions', message: `${nested.length} file(s) in ${full} are not loaded: Alembic reads sub-folders only with recursive_version_locations = true (or list the folder in version_locations)`, location: { file: nested[0] as string, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } });
      }
    } else if (REVISION_FILE.test(name)) {
      files.push(full);
    }
  }
  return files;
}

export function loadHistory(projectDir: string, options: LoadHistoryOptions = {}): History {
  const versionDirs = findVersionDirs(projectDir, options.migrations);
  const notes: Note[] = [...versionDirs.notes];
  const seen = new Set<string>();
  const revisions: ParsedRevision[] = [];
  for (const dir of versionDirs.versionDirs) {
    for (const file of listRevisionFiles(dir, versionDirs.recursive === true, notes)) {
      if (seen.has(file)) continue;
      seen.add(file);
      let text = options.readText?.(file);
      if (text === undefined) {
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          notes.push({ severity: 'error', kind: 'io', message: `cannot read ${file}: ${(error as Error).message}` });
          continue;
        }
      }
      const parsed = parseRevisionFile(file, text);
      notes.push(...parsed.notes);
      revisions.push(parsed);
    }
  }
  const graph = new RevisionGraph(revisions);
  notes.push(...graph.notes);
  return { versionDirs, revisions, graph, notes };
}
