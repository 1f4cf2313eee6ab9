// One cache file: a header naming what it holds and for which tool build, a checksum, then one line
// per entry. Reading never trusts the file: a wrong magic, identity, length or checksum, or an entry
// that does not parse, reads as a miss. Writing goes to a temporary file renamed into place, so two
// processes writing at once leave one whole file (the last rename wins), never a mix.
import * as crypto from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MAGIC = 'migration-guard-cache';
/** Bumped when the layout of this file changes (the tool version covers the layout of the values). 2: byte length, `link`. */
const FORMAT = 2;
const NEWLINE = 0x0a;

export interface PackIdentity {
  /** What the entries are, e.g. "revision-graph". */
  kind: string;
  /** The tool version and build: a cache written by another build is stale as a whole. */
  tool: string;
}

/** An entry as stored: the content hash it was computed from and its encoded value (decoded on demand). */
export interface RawEntry {
  hash: string;
  encoded: string;
}

interface Header {
  magic: string;
  format: number;
  kind: string;
  tool: string;
  /** Length of the body in UTF-8 bytes. */
  bytes: number;
  sha1: string;
  /** The checksum of the pack this one was written with (a graph pack names its bodies pack). */
  link?: string;
}

// One-shot hashing (Node ≥ 20.12) skips a Hash object per call: thousands of small files are hashed per run.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer) => string }).hash;

export function sha1(data: string | Buffer): string {
  return oneShot ? oneShot('sha1', data) : crypto.createHash('sha1').update(data).digest('hex');
}

/** A pack whose header and checksum hold, its body not yet split into entries. */
export interface VerifiedPack {
  body: Buffer;
  sha1: string;
  link: string | null;
}

/** The header and checksum of a pack file; null when it is missing, unreadable, for another identity, truncated or corrupt. */
export function verifyPack(file: string, identity: PackIdentity): VerifiedPack | null {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  const headerEnd = data.indexOf(NEWLINE);
  if (headerEnd < 0) return null;
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', 0, headerEnd)) as Header;
  } catch {
    return null;
  }
  if (header?.magic !== MAGIC || header.format !== FORMAT || header.kind !== identity.kind || header.tool !== identity.tool) return null;
  const body = data.subarray(headerEnd + 1);
  if (body.length !== header.bytes) return null;
  const checksum = sha1(body);
  if (checksum !== header.sha1) return null;
  return { body, sha1: checksum, link: typeof header.link === 'string' ? header.link : null };
}

/** The entries of a verified body, by key; null when a line does not parse. */
export function packEntries(body: Buffer | string): Map<string, RawEntry> | null {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const entries = new Map<string, RawEntry>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // A line: JSON-quoted key, tab, content hash, tab, encoded value. JSON never holds a raw tab or newline.
    const first = text.indexOf('\t', start);
    const second = first < 0 ? -1 : text.indexOf('\t', first + 1);
    if (end > start) {
      if (first < 0 || second < 0 || second > end) return null;
      let key: unknown;
      try {
        key = JSON.parse(text.slice(start, first));
      } catch {
        return null;
      }
      if (typeof key !== 'string') return null;
      entries.set(key, { hash: text.slice(first + 1, second), encoded: text.slice(second + 1, end) });
    }
    start = end + 1;
  }
  return entries;
}

/**
 * The entries of a pack file, by key; null when the file is missing, unreadable, for another
 * identity, truncated or corrupt (the caller then starts empty and rewrites it).
 */
export function readPack(file: string, identity: PackIdentity): Map<string, RawEntry> | null {
  const verified = verifyPack(file, identity);
  return verified ? packEntries(verified.body) : null;
}

/** The link a pack's header records (see writePack), when the pack itself is whole. */
export function readPackLink(file: string, identity: PackIdentity): string | null {
  return verifyPack(file, identity)?.link ?? null;
}

/**
 * Writes the entries atomically (temporary file + rename). `link`: the checksum of a companion pack
 * this one is only valid with. Returns the body's checksum, or null when the disk refused; never throws.
 */
export function writePack(file: string, identity: PackIdentity, entries: Map<string, RawEntry>, link?: string): string | null {
  const lines: string[] = [];
  for (const [key, entry] of entries) lines.push(`${JSON.stringify(key)}\t${entry.hash}\t${entry.encoded}\n`);
  const body = Buffer.from(lines.join(''), 'utf8');
  const checksum = sha1(body);
  const header: Header = {
    magic: MAGIC,
    format: FORMAT,
    kind: identity.kind,
    tool: identity.tool,
    bytes: body.length,
    sha1: checksum,
    ...(link !== undefined ? { link } : {}),
  };
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]));
    renameSync(temporary, file);
    return checksum;
  } catch {
    rmSync(temporary, { force: true });
    return null;
  }
}
