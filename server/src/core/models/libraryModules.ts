// Modules of the libraries a project's models derive from (authlib's OAuth2ClientMixin, a base class
// from a package the project depends on), read from its virtual environment's site-packages with the
// same extractor as the project's own files. Bounded: only packages a model's base class names are
// entered, at most MAX_MODULES modules per reading, each file read once per content (a process-wide
// cache validated by size and mtime, and the project's persistent cache for the parsed chunks).
import * as l10n from '@vscode/l10n';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileCache } from '../cache/fileCache';
import type { Range } from '../source';
import type { ColumnDecl } from './decls';
import { pythonParserReady } from '../python/parser';
import { readModuleFacts, parsedChunks, type ModuleFacts, type ParsedChunks } from './moduleFacts';

export const OPAQUE_TEXT = {
  opaqueBase: (base: string) =>
    l10n.t(
      '{0} is a base class from outside the project that is not installed where this tool can read it (.venv, venv, or the configured Python): the columns it adds cannot be seen, and no column of this table that the migrations have is reported as dropped',
      base,
    ),
};

/** A column read from a library's file, placed at the model that maps it (notes, findings and hovers point there). */
export function relocated(decl: ColumnDecl, file: string, range: Range): ColumnDecl {
  return {
    ...decl,
    file,
    range,
    foreignKeys: decl.foreignKeys.map((fk) => ({ ...fk, range })),
    checks: decl.checks.map((check) => ({ ...check, range })),
    serverDefault: decl.serverDefault ? { ...decl.serverDefault, range } : null,
  };
}

const MAX_MODULES = 48;
const MAX_FILE_BYTES = 512 * 1024;
/** How long a lookup on disk (which file a module name is) is trusted before it is made again. */
const LOOKUP_TTL_MS = 2000;

export interface LibrarySource {
  /** site-packages folders, most specific first (project/sitePackages.ts). */
  sitePackages: string[];
  /** In an untrusted workspace: no file outside this folder is read. */
  within?: string;
  /** The project's persistent cache of parsed chunks (a library file is then parsed once per content). */
  store?: FileCache<ParsedChunks>;
  /** Whether a path is inside `within` after symlinks (project/sitePackages.ts realInside). */
  inside?: (dir: string, file: string) => boolean;
}

interface ReadFile {
  size: number;
  mtimeMs: number;
  text: string;
  facts: ModuleFacts;
}

/** Facts of library files, shared by every project of the process (a venv is often shared too). */
const readFiles = new Map<string, ReadFile>();

export class LibraryModules {
  private readonly located = new Map<string, string | null>();
  private locatedAt = 0;
  private readonly byPath = new Map<string, ModuleFacts>();
  private readonly byName = new Map<string, ModuleFacts | null>();
  private readonly packages = new Map<string, boolean>();
  private loaded = 0;
  /** Set when a file needed tree-sitter before it was loaded (the CLI then loads it and reads again). */
  needsParser = false;

  constructor(private readonly source: LibrarySource) {}

  get enabled(): boolean {
    return this.source.sitePackages.length > 0;
  }

  /** A new reading of the models: a fresh budget, and each file checked again for changes. */
  beginReading(): void {
    this.byPath.clear();
    this.byName.clear();
    this.loaded = 0;
    this.needsParser = false;
    if (Date.now() - this.locatedAt > LOOKUP_TTL_MS) {
      this.located.clear();
      this.packages.clear();
      this.locatedAt = Date.now();
    }
  }

  /** Whether a top-level package (`authlib`) is installed in one of the site-packages folders. */
  hasPackage(top: string): boolean {
    if (!this.enabled || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(top)) return false;
    let known = this.packages.get(top);
    if (known === undefined) {
      known = this.locate(top) !== null;
      this.packages.set(top, known);
    }
    return known;
  }

  /** The facts of an installed module by dotted name, or null (not installed, too large, over budget, unreadable). */
  module(name: string): ModuleFacts | null {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const file = this.locate(name);
    const facts = file && this.loaded < MAX_MODULES ? this.read(file, name) : null;
    this.byName.set(name, facts);
    return facts;
  }

  /** A library module read in this reading, by its file. */
  moduleAt(file: string): ModuleFacts | undefined {
    return this.byPath.get(file);
  }

  isLibraryFile(file: string): boolean {
    return this.byPath.has(file);
  }

  private locate(name: string): string | null {
    const known = this.located.get(name);
    if (known !== undefined) return known;
    let found: string | null = null;
    const parts = name.split('.');
    if (parts.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
      for (const dir of this.source.sitePackages) {
        for (const candidate of [path.join(dir, ...parts, '__init__.py'), `${path.join(dir, ...parts)}.py`]) {
          if (!isFile(candidate)) continue;
          if (this.source.within && !this.source.inside?.(this.source.within, candidate)) continue;
          found = candidate;
          break;
        }
        if (found) break;
      }
    }
    this.located.set(name, found);
    return found;
  }

  private read(file: string, moduleName: string): ModuleFacts | null {
    let stat: { size: number; mtimeMs: number };
    try {
      stat = statSync(file);
    } catch {
      return null;
    }
    if (stat.size > MAX_FILE_BYTES) return null;
    let entry = readFiles.get(file);
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs || entry.facts.moduleName !== moduleName) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      const facts = entry && entry.text === text && entry.facts.moduleName === moduleName ? entry.facts : this.parse(file, moduleName, text);
      if (!facts) return null;
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, text, facts };
      readFiles.set(file, entry);
    }
    this.loaded++;
    this.byPath.set(file, entry.facts);
    return entry.facts;
  }

  private parse(file: string, moduleName: string, text: string): ModuleFacts | null {
    const identity = { path: file, moduleName, isPackage: path.basename(file) === '__init__.py' };
    const stored = this.source.store?.get(file, text);
    try {
      const { facts, cache } = readModuleFacts(text, identity, stored ? new Map(stored) : undefined);
      if (!stored) this.source.store?.set(file, text, parsedChunks(cache));
      return { ...facts, library: true };
    } catch {
      // Without tree-sitter (the CLI loads it only when a file needs it) the caller loads it and reads again.
      if (!pythonParserReady()) this.needsParser = true;
      return null;
    }
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
