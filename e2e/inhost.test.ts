// The in-host suite (the one `npm run test:vscode` runs in VS Code desktop) run inside code-server's extension
// host, against the extension as installed from the .vsix.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { missingOracle } from '../server/test/support/oracles';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { bundleInhostSuite, installedExtensionDir, runInhostSuite } from './support/inhost';
import { needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { copyFixture } from './support/workspace';

let server: CodeServer | undefined;
after(async () => {
  await server?.stop();
  removeScratchDirs();
});

test('in-host suite passes inside code-server against the installed .vsix', async (t) => {
  if (needsE2e(t) || missingOracle(t, extensionBuildProblem())) return;
  const scratch = scratchDir('inhost');
  const vsix = packageExtension(scratch);
  const suite = await bundleInhostSuite(scratch);
  const workspace = copyFixture('classic');
  const home = newHome('inhost');
  installExtension(home, vsix);
  const resultsFile = join(scratch, 'results.json');
  server = await startCodeServer({ folder: workspace, home, env: { MG_INHOST_RESULTS: resultsFile } });
  const extensionDir = installedExtensionDir(server.extensionsDir, 'migration-guard.migration-guard');
  const results = await runInhostSuite(server, workspace, extensionDir, suite, resultsFile);
  const report = results.failures.map((f) => `not ok - ${f.name}\n${f.error}`).join('\n');
  assert.equal(results.failures.length, 0, `${report}\n--- extension log ---\n${server.logs(['Migration Guard'])}`);
  assert.ok(results.passed >= 2, `the suite ran its tests (passed: ${results.passed})`);
});
