// Packages the real extension into a .vsix with @vscode/vsce, from the dist/ that `npm test` just built.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths';

const ENTRY_POINTS = ['dist/extension.js', 'dist/server.js', 'dist/cli.js'];

/** Null when dist/ holds the bundles a .vsix needs; otherwise what is missing. */
export function extensionBuildProblem(): string | null {
  const missing = ENTRY_POINTS.filter((file) => !existsSync(join(PROJECT_ROOT, file)));
  return missing.length ? `the extension is not built (${missing.join(', ')} missing): run npm run build` : null;
}

/** Writes `<outDir>/migration-guard.vsix` (same allowlist as `npm run package`, without its minified rebuild). */
export function packageExtension(outDir: string): string {
  const out = join(outDir, 'migration-guard.vsix');
  const vsce = join(PROJECT_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', out], {
    cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000,
  });
  if (result.status !== 0 || !existsSync(out)) {
    throw new Error(`vsce package failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return out;
}
