import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectDatabase } from '../../src/db/connect';
import { projectDataDir, startEmbeddedDatabase } from '../../src/db/embedded';

test('a persistent embedded database is locked against a second opener and keeps its data across restarts', async () => {
  const project = mkdtempSync(join(tmpdir(), 'mg-embedded-'));
  try {
    const dataDir = projectDataDir(project);
    assert.equal(dataDir, join(project, '.migration-guard', 'pglite'));
    const first = await startEmbeddedDatabase({ dataDir });
    try {
      await assert.rejects(startEmbeddedDatabase({ dataDir }).then((second) => second.close()), /is in use by process/);
      const client = await connectDatabase(first.url);
      await client.query('create table kept (id int); insert into kept values (42)');
      await client.end();
    } finally {
      await first.close();
    }
    const again = await startEmbeddedDatabase({ dataDir });
    try {
      const client = await connectDatabase(again.url);
      assert.deepEqual((await client.query('select id from kept')).rows, [{ id: 42 }]);
      await client.end();
    } finally {
      await again.close();
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
