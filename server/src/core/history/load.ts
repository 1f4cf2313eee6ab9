// Reading a project's whole history from disk: find the version dirs, parse every revision file,
// build the graph. loadHistory needs `await initPythonParser()` once beforehand; loadHistoryLazily
// loads the parser itself, and only when a file is not in the cache.
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { FileCache } from '../cache/fileCache';
import { initPythonParser } from '../python/parser';
import type { Note } from '../source';
import { findVersionDirs } from './discovery';
import { RevisionGraph } from './graph';
import { parseRevisionFile, parseRevisionQuickly } from './revisionFile';
import type { ParsedRevision, VersionDirs } from './types';
import { dialectCacheText, type ReplayDialect } from './replay/dialect';
import { conventionKey, isDefaultConvention, type NamingConvention } from '../schema/naming';

export interface History {
  versionDirs: VersionDirs;
  revisions: ParsedRevision[];
  graph: RevisionGraph;
  /** Discovery and graph notes, plus each file's own notes (body notes stay on the revision). */
  notes: Note[];
  /** A hash of every revision file's path and text, when read with a cache (the key of cached replays). */
  digest?: string;
}

export interface LoadHistoryOptions {
  /** An explicit migrations folder, versions folder or alembic.ini (relative to the project). */
  migrations?: string;
  /** alembic.ini's section (`alembic --name`); default [alembic]. */
  iniSection?: string;
  /** Text of files open in an editor, preferred over the disk. */
  readText?: (file: string) => string | undefined;
  /** Parsed revisions by content (the project's persistent cache); none: parse every file. */
  cache?: FileCache<ParsedRevision>;
  /** The database the bodies are read for (dialect tests); default PostgreSQL, unconfigured. */
  dialect?: ReplayDialect;
  /** The target metadata's naming_convention (what names what the ops leave unnamed); default SQLAlchemy's. */
  convention?: NamingConvention;
}

/** Alembic loads every .py file except editor lock files and __init__.py. */
const REVISION_FILE = /^(?!\.#|__init__)(.*\.py)$/;

/** Revision files in a version dir; sub-folders only when recursive (Alembic ≥ 1.10's recursive_version_locations). */
export function listRevisionFiles(dir: string, recursive: boolean, notes: Note[]): string[] {
  const files: string[] = [];
  let entries: Dirent[];
  try {
    // With the entry types, a plain file needs no stat of its own (thousands of revision files).
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    notes.push({ severity: 'warning', kind: 'config', message: l10n.t('versions folder {0} does not exist', dir) });
    return files;
  }
  for (const entry of entries) {
    const name = entry.name;
    const full = path.join(dir, name);
    let isDir = entry.isDirectory();
    if (!isDir && !entry.isFile()) {
      // A symbolic link (or a file system that does not say): what it points to decides.
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (name === '__pycache__' || name.startsWith('.')) continue;
      const nested = listRevisionFiles(full, true, []);
      if (recursive) files.push(...nested);
      else if (nested.length > 0) {
        notes.push({
          severity: 'info',
          kind: 'nested-versions',
          message:
            nested.length === 1
              ? l10n.t(
                  '1 file in {0} is not loaded: Alembic reads sub-folders only with recursive_version_locations = true (or list the folder in version_locations)',
                  full,
                )
              : l10n.t(
                  '{0} files in {1} are not loaded: Alembic reads sub-folders only with recursive_version_locations = true (or list the folder in version_locations)',
                  nested.length,
                  full,
                ),
          location: { file: nested[0] as string, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        });
      }
    } else if (REVISION_FILE.test(name)) {
      files.push(full);
    }
  }
  return files;
}

/** A revision file's text, read from the editor or the disk. */
export interface RevisionText {
  file: string;
  text: string;
}

/** The version dirs and the text of every revision file, without parsing anything. */
export function readRevisionTexts(projectDir: string, options: LoadHistoryOptions = {}): { versionDirs: VersionDirs; texts: RevisionText[]; notes: Note[] } {
  const versionDirs = findVersionDirs(projectDir, options.migrations, options.iniSection);
  const notes: Note[] = [...versionDirs.notes];
  const seen = new Set<string>();
  const texts: RevisionText[] = [];
  for (const dir of versionDirs.versionDirs) {
    for (const file of listRevisionFiles(dir, versionDirs.recursive === true, notes)) {
      if (seen.has(file)) continue;
      seen.add(file);
      let text = options.readText?.(file);
      if (text === undefined) {
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          notes.push({ severity: 'error', kind: 'io', message: l10n.t('cannot read {0}: {1}', file, (error as Error).message) });
          continue;
        }
      }
      texts.push({ file, text });
    }
  }
  return { versionDirs, texts, notes };
}

/**
 * A hash of the revision files' paths and texts, in order: what a replay of them depends on. With the
 * cache's content hashes (each file is hashed once per run anyway), the texts are not hashed again.
 */
export function historyDigest(texts: readonly RevisionText[], contentHash?: (file: string, text: string) => string): string {
  const hash = createHash('sha1');
  for (const { file, text } of texts) {
    if (contentHash) hash.update(`${file}\0${contentHash(file, text)}\0`);
    else hash.update(`${file}\0${text.length}\0`).update(text).update('\0');
  }
  return hash.digest('hex');
}

/**
 * A revision file parsed for `dialect`, or read from the cache when it holds this exact text read for
 * that dialect (a file that may test the dialect is keyed on both: a PostgreSQL reading is never served to a SQLite project).
 */
export function parseRevisionCached(
  file: string,
  text: string,
  cache: FileCache<ParsedRevision> | undefined,
  dialect?: ReplayDialect,
  convention?: NamingConvention,
): ParsedRevision {
  const key = readingCacheText(text, dialect, convention);
  const cached = cache?.get(file, key);
  if (cached) return cached;
  const parsed = parseRevisionFile(file, text, dialect, convention);
  cache?.set(file, key, parsed);
  return parsed;
}

/** Whether the cache holds this file's reading for `dialect` (parseRevisionCached would not parse). */
export function revisionCached(file: string, text: string, cache: FileCache<ParsedRevision>, dialect?: ReplayDialect, convention?: NamingConvention): boolean {
  return cache.has(file, readingCacheText(text, dialect, convention));
}

/** The text a parse is cached under: the dialect's (dialect.ts), plus the naming convention when it is not SQLAlchemy's default. */
function readingCacheText(text: string, dialect: ReplayDialect | undefined, convention: NamingConvention | undefined): string {
  const key = dialectCacheText(text, dialect);
  return convention === undefined || isDefaultConvention(convention) ? key : `${key}\u0000convention:${conventionKey(convention)}`;
}

function buildHistory(
  read: ReturnType<typeof readRevisionTexts>,
  cache: FileCache<ParsedRevision> | undefined,
  dialect: ReplayDialect | undefined,
  early?: ReadonlyMap<string, ParsedRevision>,
  convention?: NamingConvention,
): History {
  const notes = [...read.notes];
  const revisions: ParsedRevision[] = [];
  for (const { file, text } of read.texts) {
    const known = early?.get(file);
    if (known) cache?.set(file, readingCacheText(text, dialect, convention), known);
    const parsed = known ?? parseRevisionCached(file, text, cache, dialect, convention);
    notes.push(...parsed.notes);
    revisions.push(parsed);
  }
  const graph = new RevisionGraph(revisions);
  notes.push(...graph.notes);
  // The convention names what the ops leave unnamed: a replay cached under another one is not this one's.
  const digest = () =>
    `${historyDigest(read.texts, cache?.contentHash?.bind(cache))}${isDefaultConvention(convention) ? '' : `\u0000${conventionKey(convention)}`}`;
  return { versionDirs: read.versionDirs, revisions, graph, notes, ...(cache ? { digest: digest() } : {}) };
}

/** Reads and parses the whole history (the parser must be ready; see loadHistoryLazily). */
export function loadHistory(projectDir: string, options: LoadHistoryOptions = {}): History {
  return buildHistory(readRevisionTexts(projectDir, options), options.cache, options.dialect, undefined, options.convention);
}

/** As loadHistory, but loads tree-sitter only when some file is neither in the cache nor readable without it. */
export async function loadHistoryLazily(projectDir: string, options: LoadHistoryOptions = {}): Promise<History> {
  const read = readRevisionTexts(projectDir, options);
  const early = new Map<string, ParsedRevision>();
  let needsParser = false;
  for (const { file, text } of read.texts) {
    if (options.cache && revisionCached(file, text, options.cache, options.dialect, options.convention)) continue;
    const quick = parseRevisionQuickly(file, text, options.dialect, options.convention);
    if (quick) early.set(file, quick);
    else needsParser = true;
  }
  if (needsParser) await initPythonParser();
  return buildHistory(read, options.cache, options.dialect, early, options.convention);
}
