// The language server reads and fills the CLI's persistent cache (.migration-guard/cache/): after a
// first run has analysed the project, a second server's first diagnostics come from the cached
// extraction and replay, and they are the same as the first one's.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './harness';
import { makeProject, type TempProject } from './project';

describe('language server: persistent cache', () => {
  let project: TempProject;

  before(() => {
    project = makeProject('mg-lsp-cache-');
  });

  after(() => project?.remove());

  it('writes the cache after its first analysis and gives the same diagnostics from it next time', async () => {
    const edited = readFileSync(project.models, 'utf8').replace('    body = db.Column(db.Text, nullable=False)\n', '');
    const first = await TestClient.start({ workspaceFolders: [project.root] });
    await first.open(project.models, edited);
    const cold = await first.diagnosticsFor(project.models, 1);
    await first.stop();
    const dir = path.join(project.root, '.migration-guard', 'cache');
    assert.ok(existsSync(dir), 'the cache directory was written');
    assert.ok(
      readdirSync(dir).some((f) => f.startsWith('models')),
      JSON.stringify(readdirSync(dir)),
    );

    const second = await TestClient.start({ workspaceFolders: [project.root] });
    await second.open(project.models, edited);
    const warm = await second.diagnosticsFor(project.models, 1);
    await second.stop();
    const strip = (list: typeof cold) => list.map((d) => ({ ...d, data: undefined }));
    assert.deepEqual(strip(warm), strip(cold));
    assert.deepEqual(cold.map((d) => d.code).sort(), ['DS103', 'MG001']);
  });
});
