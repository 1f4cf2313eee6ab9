// V8's code cache for the CLI's engine bundle (Node 20 has no module.enableCompileCache): the
// bytecode a run compiled is kept in the user's own cache folder and handed back to V8 by the next
// run, which then skips compiling the 1.2 MB bundle. The cache can only make a start faster, never a
// result different: a file is used only for the exact bundle text (sha1), Node version and verb it was
// written for, and only when its own checksum holds (release builds of V8 do not check one), so a
// truncated, corrupt or stale file is a miss and is written again. The folder must be the user's
// own and closed to others: V8 trusts cached bytecode as code.
import * as crypto from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as vm from 'node:vm';

const MAGIC = 'migration-guard-v8-cache 1';
/**
 * Files of other bundles (an older install, another build) are removed when they have not been
 * written for a day: about 0.5 MB per verb per build, and a developer rebuilds many times a day.
 */
const STALE_MS = 24 * 3600 * 1000;

/** `off` disables the cache; a path puts it there (tests); unset: the user's cache folder. */
export const CODE_CACHE_ENV = 'MIGRATION_GUARD_CODE_CACHE';

interface Header {
  magic: string;
  /** sha1 of the source text the bytecode was compiled from. */
  source: string;
  node: string;
  bytes: number;
  sha1: string;
}

const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer) => string }).hash;
const sha1 = (data: string | Buffer) => (oneShot ? oneShot('sha1', data) : crypto.createHash('sha1').update(data).digest('hex'));

/** The user's cache folder for this tool's code cache, or null (then nothing is cached). */
export function defaultCodeCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env[CODE_CACHE_ENV];
  if (chosen === 'off' || chosen === '0') return null;
  if (chosen) return path.resolve(chosen);
  let home: string;
  try {
    home = homedir();
  } catch {
    return null;
  }
  if (!home) return null;
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'migration-guard', 'v8-cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'migration-guard', 'v8-cache');
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(xdg, 'migration-guard', 'v8-cache');
}

/** Whether a path is this user's own and not writable by others (POSIX; Windows folders are per-user already). */
function ownedAndClosed(file: string, directory: boolean): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  try {
    const stat = lstatSync(file);
    return (directory ? stat.isDirectory() : stat.isFile()) && stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The folder ready for use (created closed to others), or null. */
function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  return ownedAndClosed(dir, true);
}

/** The bytecode in a cache file when the file is whole and was written for this source and Node; else null. */
export function readCodeCache(file: string, sourceHash: string): Buffer | null {
  if (!ownedAndClosed(file, false)) return null;
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  const end = data.indexOf(0x0a);
  if (end < 0) return null;
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', 0, end)) as Header;
  } catch {
    return null;
  }
  if (header?.magic !== MAGIC || header.source !== sourceHash || header.node !== process.version) return null;
  const payload = data.subarray(end + 1);
  if (payload.length !== header.bytes || sha1(payload) !== header.sha1) return null;
  return payload;
}

/** Writes the bytecode atomically (temporary file + rename: two writers leave one whole file). Never throws. */
export function writeCodeCache(file: string, sourceHash: string, payload: Buffer): boolean {
  const header: Header = { magic: MAGIC, source: sourceHash, node: process.version, bytes: payload.length, sha1: sha1(payload) };
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), payload]), { mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** Removes other bundles' files not written for a while (old installs), so the folder does not grow. */
function pruneOthers(dir: string, keepPrefix: string): void {
  try {
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      if (name.startsWith(keepPrefix) || !name.endsWith('.v8')) continue;
      const full = path.join(dir, name);
      if (now - statSync(full).mtimeMs > STALE_MS) rmSync(full, { force: true });
    }
  } catch {
    // nothing to prune, or not ours to prune
  }
}

export type CodeCacheStatus = 'off' | 'miss' | 'hit' | 'rejected';

export interface CompiledBundle {
  /** The bundle's CommonJS wrapper function: (exports, require, module, __filename, __dirname). */
  wrapper: (...args: unknown[]) => unknown;
  status: CodeCacheStatus;
  /** Writes the cache when this run could not use one (call it when the run is done: it then holds what the run compiled). */
  save(): boolean;
}

/** `verb` separates the caches of runs that compile different parts of the bundle (`schema`, `check`, …; '' for the rest). */
export function compileWithCodeCache(file: string, dir: string | null, verb: string): CompiledBundle {
  let source = readFileSync(file, 'utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const sourceHash = sha1(source);
  const usable = dir !== null && usableDir(dir);
  const key = /^[a-z][a-z-]{0,23}$/.test(verb) ? verb : 'other';
  const prefix = `${sourceHash.slice(0, 20)}-`;
  const cacheFile = usable ? path.join(dir, `${prefix}${process.version}-${process.arch}-${key}.v8`) : null;
  const cachedData = cacheFile ? readCodeCache(cacheFile, sourceHash) : null;
  const script = new vm.Script(wrapped, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const status: CodeCacheStatus = !cacheFile ? 'off' : !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  return {
    wrapper: script.runInThisContext() as (...args: unknown[]) => unknown,
    status,
    save() {
      if (!cacheFile || status === 'hit') return false;
      let payload: Buffer;
      try {
        payload = script.createCachedData();
      } catch {
        return false;
      }
      const written = writeCodeCache(cacheFile, sourceHash, payload);
      if (written) pruneOthers(dir as string, prefix);
      return written;
    },
  };
}
