// The model side of a project: the models engine's incremental index. A re-read of the same text
// (a file saved as it was open) costs nothing; an edit reparses one file incrementally; a file whose
// text the persistent cache knows is not parsed at all (the cache holds the facts of its chunks that
// needed the parser; its plain classes are read again by the quick reader, which needs no parser).
import { NO_CACHE, type ProjectCache } from '../cache/projectCache';
import { ModelIndex } from '../models';
import { LibraryModules } from '../models/libraryModules';
import { findSitePackages, realInside, type LibrarySearch } from './sitePackages';
import type { ModelSchema } from '../models/types';
import type { TextChange } from '../python/parser';
import type { RevisionTypeResolver } from '../history/revisionTypes';
import { revisionTypeResolver } from '../models/revisionTypes';

/** SQLAlchemy-Continuum in a file: its plugin creates tables no class declares. */
const CONTINUUM = /__versioned__|make_versioned\(/;

export class ModelCache {
  private readonly index: ModelIndex;
  /** Files that mention SQLAlchemy-Continuum, kept as texts change. */
  private readonly continuum = new Set<string>();

  constructor(
    root: string,
    private readonly cache: ProjectCache = NO_CACHE,
    libraries?: LibrarySearch,
  ) {
    const sitePackages = libraries ? findSitePackages(root, libraries) : [];
    const installed =
      sitePackages.length > 0
        ? new LibraryModules({
            sitePackages,
            store: cache.models,
            ...(libraries?.allowOutside === false && libraries.boundary ? { within: libraries.boundary, inside: realInside } : {}),
          })
        : undefined;
    this.index = new ModelIndex({ root, ...(installed ? { libraries: installed } : {}) });
  }

  /** Whether the last reading needs tree-sitter for a library file it could not read without it (ModelIndex.librariesNeedParser). */
  get librariesNeedParser(): boolean {
    return this.index.librariesNeedParser;
  }

  reread(): void {
    this.index.reread();
  }

  /** Whether setting this text would need the parser (it is neither known nor cached). */
  needsParse(file: string, text: string): boolean {
    return this.index.text(file) !== text && !this.cache.models.has(file, text);
  }

  has(file: string): boolean {
    return this.index.has(file);
  }

  files(): string[] {
    return this.index.paths().sort();
  }

  declaringFiles(): string[] {
    return this.index.modelFiles().sort();
  }

  /** Whether some file uses SQLAlchemy-Continuum (`__versioned__`, `make_versioned(...)`). */
  usesContinuum(): boolean {
    return this.continuum.size > 0;
  }

  private track(file: string, text: string | undefined): void {
    if (text !== undefined && CONTINUUM.test(text)) this.continuum.add(file);
    else this.continuum.delete(file);
  }

  /** Returns false when the file already had exactly this text. */
  set(file: string, text: string): boolean {
    if (this.index.text(file) === text) return false;
    this.track(file, text);
    const stored = this.cache.models.get(file, text);
    if (stored) {
      // The parsed chunks come from the cache; the others are plain classes, read again without a parser.
      this.index.setFile(file, text, new Map(stored));
      return true;
    }
    this.index.setFile(file, text);
    const facts = this.index.facts(file);
    const parsed = this.index.parsedChunks(file);
    // A read that failed inside the engine is not kept: the next run tries again.
    if (facts && parsed && !facts.notes.some((n) => n.kind === 'internal-error')) this.cache.models.set(file, text, parsed);
    return true;
  }

  /** An incremental edit of a file the index holds. Throws for an unknown file: the caller re-reads it whole. */
  apply(file: string, change: TextChange): void {
    if (!this.index.applyChange(file, change)) throw new Error(`${file} is not a known model file`);
    this.track(file, this.index.text(file) ?? undefined);
  }

  remove(file: string): boolean {
    if (!this.index.has(file)) return false;
    this.index.removeFile(file);
    this.continuum.delete(file);
    return true;
  }

  schema(): ModelSchema {
    return this.index.schema();
  }

  /** Resolves the types revisions import from the project, through the modules as they are now. */
  typeResolver(): RevisionTypeResolver {
    return revisionTypeResolver(this.index.projectScope());
  }

  dispose(): void {
    this.index.dispose();
  }
}
