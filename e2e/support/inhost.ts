// Runs the in-host suite (e2e/inhost/suite.ts) inside code-server's extension host: the web workbench
// takes extensionDevelopmentPath / extensionTestsPath through its `payload` query parameter (the way VS Code
// opens an Extension Development Host window), and the suite writes its results to MG_INHOST_RESULTS.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launchChromium } from './browser';
import type { CodeServer } from './codeServer';
import { PROJECT_ROOT } from './paths';
import { waitUntil } from './wait';

export interface InhostResults {
  passed: number;
  failures: { name: string; error: string }[];
}

/** Bundles the suite to `<outDir>/suite.js` (CommonJS, vscode external) and returns its path. */
export async function bundleInhostSuite(outDir: string): Promise<string> {
  const outfile = join(outDir, 'suite.js');
  await esbuild.build({
    entryPoints: [join(PROJECT_ROOT, 'e2e', 'inhost', 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

/** The directory code-server unpacked an installed extension into, e.g. `<extensions>/migration-guard.migration-guard-0.1.0`. */
export function installedExtensionDir(extensionsDir: string, id: string): string {
  const name = readdirSync(extensionsDir).find((entry) => entry.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  if (!name) throw new Error(`${id} is not installed in ${extensionsDir}`);
  return join(extensionsDir, name);
}

/**
 * Opens the workbench on `folder` with the extension at `extensionDir` under development and the bundled
 * suite as its tests; waits for the results file the suite writes (the server was started with
 * MG_INHOST_RESULTS=resultsFile in its environment).
 */
export async function runInhostSuite(server: CodeServer, folder: string, extensionDir: string, suitePath: string, resultsFile: string): Promise<InhostResults> {
  const authority = new URL(server.url).host;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDir}`],
    ['extensionTestsPath', `vscode-remote://${authority}${suitePath}`],
  ]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
    await waitUntil('the in-host suite to write its results', () => existsSync(resultsFile), 120_000);
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as InhostResults;
  } finally {
    await browser.close();
  }
}
