// dist/server.js loads the server bundle through V8's code cache (lsp/launch.ts). A first server
// writes the cache when it exits; the next one is served from it, so it writes nothing, and gives the
// same diagnostics. A cache written under other V8 flags than a start reads it with would be rejected
// and written again: heapGrowth.ts changes flags at run time, and must put them back first.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CODE_CACHE_ENV } from '../../src/cli/launch/codeCache';
import { TestClient } from './harness';
import { makeProject, type TempProject } from './project';

describe('language server: V8 code cache', () => {
  let project: TempProject;
  let cacheDir: string;

  before(() => {
    project = makeProject('mg-lsp-codecache-');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'mg-lsp-v8-cache-'));
    process.env[CODE_CACHE_ENV] = cacheDir;
  });

  after(() => {
    delete process.env[CODE_CACHE_ENV];
    project?.remove();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const firstDiagnostics = async () => {
    const client = await TestClient.start({ workspaceFolders: [project.root] });
    await client.open(project.models);
    const diagnostics = await client.diagnosticsFor(project.models, 1);
    await client.stop();
    return diagnostics.map((d) => ({ ...d, data: undefined }));
  };
  const cacheFiles = () => readdirSync(cacheDir).filter((name) => name.endsWith('-language-server.v8'));

  it('is written by the first server and used, not rewritten, by the next', async () => {
    const cold = await firstDiagnostics();
    const written = cacheFiles();
    assert.equal(written.length, 1, JSON.stringify(readdirSync(cacheDir)));
    const file = path.join(cacheDir, written[0] as string);
    const { mtimeMs, size } = statSync(file);
    assert.ok(size > 100_000, `a cache of the bundle's bytecode, not ${size} bytes`);

    const warm = await firstDiagnostics();
    assert.deepEqual(warm, cold);
    assert.deepEqual(cacheFiles(), written);
    assert.equal(statSync(file).mtimeMs, mtimeMs, 'the second server used the cache (a rejected one is written again)');
  });
});
