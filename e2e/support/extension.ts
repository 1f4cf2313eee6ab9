// Packages the real extension into a .vsix with @vscode/vsce, from the dist/ that `npm test` just built.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, PROJECT_ROOT } from './paths';

const ENTRY_POINTS = ['dist/extension.js', 'dist/server.js', 'dist/server-engine.js', 'dist/cli.js', 'dist/cli-engine.js'];

/** Null when dist/ holds the bundles a .vsix needs; otherwise what is missing. */
export function extensionBuildProblem(): string | null {
  const missing = ENTRY_POINTS.filter((file) => !existsSync(join(PROJECT_ROOT, file)));
  return missing.length ? `the extension is not built (${missing.join(', ')} missing): run npm run build` : null;
}

/** What goes into the .vsix (the .vscodeignore allowlist's roots), hashed to reuse a package built from the same files. */
function contentHash(): string {
  const hash = createHash('sha256');
  const add = (relative: string): void => {
    const path = join(PROJECT_ROOT, relative);
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(relative, name));
      return;
    }
    hash.update(relative).update(readFileSync(path));
  };
  for (const root of ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'dist', 'syntaxes', 'resources']) add(root);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Writes `<outDir>/migration-guard.vsix` (same allowlist as `npm run package`, without its minified rebuild).
 * The e2e files run side by side and package the same build: the first packs it into .e2e-cache/vsix/, the rest copy it.
 */
export function packageExtension(outDir: string): string {
  const out = join(outDir, 'migration-guard.vsix');
  const cached = join(CACHE_DIR, 'vsix', `migration-guard-${contentHash()}.vsix`);
  if (!existsSync(cached)) {
    const dir = join(CACHE_DIR, 'vsix');
    mkdirSync(dir, { recursive: true });
    // Packages of older builds go; a package younger than an hour may belong to a run still going.
    for (const name of readdirSync(dir)) {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > 3_600_000) rmSync(join(dir, name), { force: true });
    }
    const fresh = join(dir, `fresh-${process.pid}-${Date.now()}.vsix`);
    runVsce(fresh);
    renameSync(fresh, cached);
  }
  copyFileSync(cached, out);
  return out;
}

// --no-rewrite-relative-links: the README's screenshots are relative and the package names no repository.
function runVsce(out: string): void {
  const vsce = join(PROJECT_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0 || !existsSync(out)) {
    throw new Error(`vsce package failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}
