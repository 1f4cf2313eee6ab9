// One cache file: a header naming what it holds and for which tool build, a checksum, then one line
// per entry. Reading never trusts the file: a wrong magic, identity, length or checksum, or an entry
// that does not parse, reads as a miss. Writing goes to a temporary file renamed into place, so two
// processes writing at once leave one whole file (the last rename wins), never a mix.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MAGIC = 'migration-guard-cache';
/** Bumped when the layout of this file changes (the tool version covers the layout of the values). */
const FORMAT = 1;

export interface PackIdentity {
  /** What the entries are, e.g. "revisions". */
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
  bytes: number;
  sha1: string;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The entries of a pack file, by key; null when the file is missing, unreadable, for another
 * identity, truncated or corrupt (the caller then starts empty and rewrites it).
 */
export function readPack(file: string, identity: PackIdentity): Map<string, RawEntry> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) return null;
  let header: Header;
  try {
    header = JSON.parse(text.slice(0, headerEnd)) as Header;
  } catch {
    return null;
  }
  if (header?.magic !== MAGIC || header.format !== FORMAT || header.kind !== identity.kind || header.tool !== identity.tool) return null;
  const body = text.slice(headerEnd + 1);
  if (body.length !== header.bytes || sha1(body) !== header.sha1) return null;
  const entries = new Map<string, RawEntry>();
  for (const line of body.split('\n')) {
    if (line === '') continue;
    // A line: JSON-quoted key, tab, content hash, tab, encoded value. JSON never holds a raw tab or newline.
    const first = line.indexOf('\t');
    const second = line.indexOf('\t', first + 1);
    if (first < 0 || second < 0) return null;
    let key: unknown;
    try {
      key = JSON.parse(line.slice(0, first));
    } catch {
      return null;
    }
    if (typeof key !== 'string') return null;
    entries.set(key, { hash: line.slice(first + 1, second), encoded: line.slice(second + 1) });
  }
  return entries;
}

/** Writes the entries atomically (temporary file + rename). Returns false when the disk refused; never throws. */
export function writePack(file: string, identity: PackIdentity, entries: Map<string, RawEntry>): boolean {
  const lines: string[] = [];
  for (const [key, entry] of entries) lines.push(`${JSON.stringify(key)}\t${entry.hash}\t${entry.encoded}\n`);
  const body = lines.join('');
  const header: Header = { magic: MAGIC, format: FORMAT, kind: identity.kind, tool: identity.tool, bytes: body.length, sha1: sha1(body) };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(header)}\n${body}`);
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
