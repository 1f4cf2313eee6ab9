// `npm run test:vscode`: the in-host suite (e2e/inhost/suite.ts) in VS Code desktop 1.100.3 through
// @vscode/test-electron. It needs to download VS Code from update.code.visualstudio.com, which machines
// without general internet access (like the project's build box) cannot: there, `npm test` / `npm run test:e2e`
// drive code-server in Chromium instead.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, '.e2e-cache', 'inhost');
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'e2e', 'inhost', 'suite.ts')],
  outfile: join(out, 'suite.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
const workspace = join(mkdtempSync(join(tmpdir(), 'mg-vscode-')), 'classic');
cpSync(join(root, 'test-fixtures', 'classic'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.MG_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, 'suite.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { MG_INHOST_RESULTS: join(out, 'results.json') },
  });
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    'If VS Code desktop could not be downloaded (no access to update.code.visualstudio.com), run `npm run test:e2e` instead: it drives code-server from the npm registry.',
  );
  process.exit(1);
}
