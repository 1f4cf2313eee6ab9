// Which build of the engine wrote a cache. The bundles get the package version and a hash of the
// engine's sources at build time (esbuild.mjs); run from source (tsx), the identity is computed from
// the source files' sizes and times, so an edited extractor never reads values its old code wrote.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

declare const MIGRATION_GUARD_VERSION: string | undefined;
declare const MIGRATION_GUARD_BUILD: string | undefined;

let fromSource: string | null = null;

function sourceStamp(dir: string, hash: ReturnType<typeof createHash>): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    try {
      const stat = statSync(full);
      if (stat.isDirectory()) sourceStamp(full, hash);
      else if (name.endsWith('.ts')) hash.update(`${full}\0${stat.size}\0${stat.mtimeMs}\n`);
    } catch {
      // a file that went away while listing: it changes the stamp anyway
    }
  }
}

export function toolIdentity(): string {
  const version = typeof MIGRATION_GUARD_VERSION === 'string' ? MIGRATION_GUARD_VERSION : 'dev';
  if (typeof MIGRATION_GUARD_BUILD === 'string') return `${version}+${MIGRATION_GUARD_BUILD}`;
  if (fromSource === null) {
    const hash = createHash('sha1');
    sourceStamp(path.resolve(__dirname, '..'), hash);
    fromSource = `${version}+source-${hash.digest('hex').slice(0, 16)}`;
  }
  return fromSource;
}
