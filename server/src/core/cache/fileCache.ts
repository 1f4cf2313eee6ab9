// A cache of values computed from one file's text (a revision file's ops, a model file's facts),
// kept in one pack file. A value is returned only for the exact text it was computed from (content
// hash), by the same tool build; everything else is a miss, and the caller computes the value again.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { decodeValue, encodeValue, type Codec } from './codec';
import { readPack, sha1, writePack, type PackIdentity, type RawEntry } from './packFile';

export interface FileCache<T> {
  /** The value computed from exactly this text of this file, or undefined. */
  get(file: string, text: string): T | undefined;
  /** Whether get would return a value (without decoding it). */
  has(file: string, text: string): boolean;
  set(file: string, text: string, value: T): void;
  /** The content hash the cache keys this text on (a digest of many files is built from them). */
  contentHash?(file: string, text: string): string;
}

export interface PackCacheOptions extends Codec {
  /** Key files by their path relative to this directory (so a moved project keeps its cache). */
  root: string;
  /** Replace the entry's own path inside its value by a token (values that name their file). */
  fileToken: boolean;
}

/** How a cache names its files (relative to the project root) and hashes their texts (once per text). */
export class FileKeys {
  private readonly hashes = new Map<string, { text: string; hash: string }>();

  constructor(private readonly options: PackCacheOptions) {}

  key(file: string): string {
    if (!path.isAbsolute(file)) return file; // a name, not a path (the replays are keyed by revision spec)
    const root = this.options.root.endsWith(path.sep) ? this.options.root : `${this.options.root}${path.sep}`;
    // The usual case without path.relative (it costs when thousands of files are looked up).
    if (file.startsWith(root) && !file.includes(`${path.sep}..`))
      return path.sep === '/' ? file.slice(root.length) : file.slice(root.length).split(path.sep).join('/');
    const relative = path.relative(this.options.root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  }

  hashOf(file: string, text: string): string {
    const known = this.hashes.get(file);
    if (known && known.text === text) return known.hash;
    const hash = sha1(text);
    this.hashes.set(file, { text, hash });
    return hash;
  }

  /** What stands for the file inside its own value ('' when values are stored as they are). */
  token(file: string): string {
    return this.options.fileToken ? file : '';
  }

  /** Whether the entry under this key belongs to a file that is gone (only values that name their file are pruned). */
  gone(key: string): boolean {
    return this.options.fileToken && !existsSync(path.isAbsolute(key) ? key : path.join(this.options.root, key));
  }

  forget(): void {
    this.hashes.clear();
  }
}

export class PackCache<T> implements FileCache<T> {
  private entries: Map<string, RawEntry> | null = null;
  private readonly keys: FileKeys;
  private readonly touched = new Set<string>();
  private dirty = false;

  constructor(
    private readonly packFile: string,
    private readonly identity: PackIdentity,
    private readonly options: PackCacheOptions,
  ) {
    this.keys = new FileKeys(options);
  }

  private load(): Map<string, RawEntry> {
    if (!this.entries) {
      const read = readPack(this.packFile, this.identity);
      // A missing, stale or corrupt pack starts empty and is rewritten at the next flush.
      this.dirty ||= read === null && existsSync(this.packFile);
      this.entries = read ?? new Map();
    }
    return this.entries;
  }

  contentHash(file: string, text: string): string {
    return this.keys.hashOf(file, text);
  }

  has(file: string, text: string): boolean {
    return this.load().get(this.keys.key(file))?.hash === this.keys.hashOf(file, text);
  }

  get(file: string, text: string): T | undefined {
    const key = this.keys.key(file);
    const entry = this.load().get(key);
    if (!entry || entry.hash !== this.keys.hashOf(file, text)) return undefined;
    try {
      const value = decodeValue<T>(entry.encoded, this.keys.token(file), this.options);
      this.touched.add(key);
      return value;
    } catch {
      this.entries?.delete(key);
      this.dirty = true;
      return undefined;
    }
  }

  set(file: string, text: string, value: T): void {
    const key = this.keys.key(file);
    let encoded: string;
    try {
      encoded = encodeValue(value, this.keys.token(file), this.options);
    } catch {
      return; // not encodable (a cycle): simply not cached
    }
    const hash = this.keys.hashOf(file, text);
    const entries = this.load();
    this.touched.add(key);
    if (entries.get(key)?.hash === hash && entries.get(key)?.encoded === encoded) return;
    entries.set(key, { hash, encoded });
    this.dirty = true;
  }

  /** Whether flush may write: something was set, or entries were not used (their files may be gone). */
  mayWrite(): boolean {
    return this.entries !== null && (this.dirty || this.entries.size > this.touched.size);
  }

  /**
   * Forgets what was read (after a flush with nothing left to write): a long-lived process (the
   * language server) would otherwise hold the whole pack text for its lifetime. A later use reads the file again.
   */
  release(): void {
    if (this.dirty) return;
    this.entries = null;
    this.keys.forget();
    this.touched.clear();
  }

  /** Writes the pack when it changed, dropping entries of files that no longer exist. Never throws. */
  flush(): boolean {
    if (!this.entries) return false;
    for (const key of [...this.entries.keys()]) {
      if (this.touched.has(key)) continue;
      if (this.keys.gone(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty) return false;
    const written = writePack(this.packFile, this.identity, this.entries) !== null;
    if (written) this.dirty = false;
    return written;
  }
}
