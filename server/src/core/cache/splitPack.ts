// A file cache kept in two packs: the eager part of each value (a revision's ids, links, docstring,
// locations and file notes: all the graph verbs read) and its lazy part (the upgrade/downgrade
// bodies), so a run that only needs the graph decodes none of the bodies. Both packs are verified
// whole before anything is served, and the head pack names the checksum of the bodies pack it was
// written with: a mismatched pair (two writers interleaving, a copied or restored file) is a miss
// for every file, never a revision with another revision's body.
import { existsSync } from 'node:fs';
import { decodeSplit, encodeValue, isEncodedObject, splitEncoded, type Codec } from './codec';
import { FileKeys, type FileCache, type PackCacheOptions } from './fileCache';
import { packEntries, verifyPack, writePack, type PackIdentity, type RawEntry } from './packFile';

interface SplitEntry {
  hash: string;
  head: string;
  /** The encoded lazy part; undefined while it is still only in the verified bodies pack. */
  detail: string | undefined;
}

interface Loaded {
  entries: Map<string, SplitEntry>;
  /** The verified bodies pack, split into entries on the first body read. */
  bodies: Buffer | null;
}

export interface SplitPackFiles {
  head: { file: string; identity: PackIdentity };
  detail: { file: string; identity: PackIdentity };
}

export class SplitPackCache<T> implements FileCache<T> {
  private loaded: Loaded | null = null;
  private readonly keys: FileKeys;
  private readonly touched = new Set<string>();
  private dirty = false;

  constructor(
    private readonly files: SplitPackFiles,
    private readonly options: PackCacheOptions & Codec,
  ) {
    if (!options.lazy?.length) throw new Error('a split pack needs lazy properties');
    this.keys = new FileKeys(options);
  }

  private load(): Loaded {
    if (this.loaded) return this.loaded;
    const head = verifyPack(this.files.head.file, this.files.head.identity);
    const detail = head ? verifyPack(this.files.detail.file, this.files.detail.identity) : null;
    const rows = head && detail && head.link === detail.sha1 ? packEntries(head.body) : null;
    const entries = new Map<string, SplitEntry>();
    for (const [key, row] of rows ?? []) entries.set(key, { hash: row.hash, head: row.encoded, detail: undefined });
    // A missing, stale, corrupt or mismatched pair starts empty and is rewritten at the next flush.
    this.dirty ||= rows === null && (existsSync(this.files.head.file) || existsSync(this.files.detail.file));
    this.loaded = { entries, bodies: rows ? (detail?.body ?? null) : null };
    return this.loaded;
  }

  /** Splits the verified bodies pack into the entries (once). Its key set is the head pack's: both are written together. */
  private loadDetails(loaded: Loaded): void {
    if (!loaded.bodies) return;
    const rows = packEntries(loaded.bodies);
    loaded.bodies = null;
    for (const [key, entry] of loaded.entries) {
      if (entry.detail !== undefined) continue;
      const row = rows?.get(key);
      // Both packs passed their checksums and link, so this only fails on a bug: never serve a wrong body.
      if (!row || row.hash !== entry.hash || !isEncodedObject(row.encoded))
        throw new Error(`Migration Guard: the cached bodies of ${key} do not match their revision; delete .migration-guard/cache/`);
      entry.detail = row.encoded;
    }
  }

  contentHash(file: string, text: string): string {
    return this.keys.hashOf(file, text);
  }

  has(file: string, text: string): boolean {
    return this.load().entries.get(this.keys.key(file))?.hash === this.keys.hashOf(file, text);
  }

  get(file: string, text: string): T | undefined {
    const key = this.keys.key(file);
    const loaded = this.load();
    const entry = loaded.entries.get(key);
    if (!entry || entry.hash !== this.keys.hashOf(file, text)) return undefined;
    const detail = () => {
      if (entry.detail === undefined) this.loadDetails(loaded);
      return entry.detail as string;
    };
    try {
      const value = decodeSplit<T>(entry.head, detail, this.keys.token(file), this.options);
      this.touched.add(key);
      return value;
    } catch {
      loaded.entries.delete(key);
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
    const [head, detail] = splitEncoded(encoded);
    const hash = this.keys.hashOf(file, text);
    const loaded = this.load();
    this.touched.add(key);
    const known = loaded.entries.get(key);
    if (known && known.hash === hash && known.head === head && known.detail === (detail ?? '{}')) return;
    loaded.entries.set(key, { hash, head, detail: detail ?? '{}' });
    this.dirty = true;
  }

  mayWrite(): boolean {
    return this.loaded !== null && (this.dirty || this.loaded.entries.size > this.touched.size);
  }

  release(): void {
    if (this.dirty) return;
    this.loaded = null;
    this.keys.forget();
    this.touched.clear();
  }

  /** Writes both packs when something changed: the bodies first, then the head pack naming their checksum. Never throws. */
  flush(): boolean {
    const loaded = this.loaded;
    if (!loaded) return false;
    for (const key of [...loaded.entries.keys()]) {
      if (this.touched.has(key) || !this.keys.gone(key)) continue;
      loaded.entries.delete(key);
      this.dirty = true;
    }
    if (!this.dirty) return false;
    try {
      this.loadDetails(loaded);
    } catch {
      loaded.entries.clear(); // cannot happen with whole packs; if it does, keep nothing rather than a mix
    }
    const heads = new Map<string, RawEntry>();
    const details = new Map<string, RawEntry>();
    for (const [key, entry] of loaded.entries) {
      heads.set(key, { hash: entry.hash, encoded: entry.head });
      details.set(key, { hash: entry.hash, encoded: entry.detail ?? '{}' });
    }
    const link = writePack(this.files.detail.file, this.files.detail.identity, details);
    if (link === null) return false;
    const written = writePack(this.files.head.file, this.files.head.identity, heads, link) !== null;
    if (written) this.dirty = false;
    return written;
  }
}
