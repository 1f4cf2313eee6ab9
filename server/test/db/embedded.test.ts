import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectDatabase } from '../../src/db/connect';
import { projectDataDir, startEmbeddedDatabase } from '../../src/db/embedded';
import { openProjectDatabase } from '../../src/db/session';

test('a persistent embedded database is locked against a second opener and keeps its data across restarts', async () => {
  const project = mkdtempSync(join(tmpdir(), 'mg-embedded-'));
  try {
    const dataDir = projectDataDir(project);
    assert.equal(dataDir, join(project, '.migration-guard', 'pglite'));
    const first = await startEmbeddedDatabase({ dataDir });
    assert.equal(
      readFileSync(join(project, '.migration-guard', '.gitignore'), 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#'))[0],
      '*',
      '.migration-guard/ ignores itself',
    );
    try {
      await assert.rejects(
        startEmbeddedDatabase({ dataDir }).then((second) => second.close()),
        /is in use by process/,
      );
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

test('the embedded database stands in only for a project with nothing configured, and says what it is; a random folder gets nothing created', async () => {
  const random = mkdtempSync(join(tmpdir(), 'mg-not-a-project-'));
  const project = mkdtempSync(join(tmpdir(), 'mg-sqlite-configured-'));
  try {
    const refused = await openProjectDatabase(random, { env: {} });
    assert.ok(!refused.ok && /is not an Alembic project .*nothing was opened or created/.test(refused.message));
    assert.deepEqual(readdirSync(random), [], 'nothing created in a folder that is not a project');
    mkdirSync(join(project, 'migrations'));
    writeFileSync(join(project, 'migrations', 'env.py'), '');
    writeFileSync(join(project, 'config.py'), "SQLALCHEMY_DATABASE_URI = 'sqlite:///app.db'\n");
    const sqlite = await openProjectDatabase(project, { env: {} });
    assert.ok(!sqlite.ok, 'a SQLite project never gets the embedded PostgreSQL instead');
    assert.match(sqlite.message, /SQLite file .*app\.db \(from config\.py:1 \(SQLALCHEMY_DATABASE_URI\)\)/);
    assert.equal(existsSync(join(project, '.migration-guard')), false);
    writeFileSync(join(project, 'config.py'), "SQLALCHEMY_DATABASE_URI = 'sqlite://'\n");
    const embedded = await openProjectDatabase(project, { env: {}, scratch: true });
    assert.ok(embedded.ok);
    try {
      assert.match(
        embedded.session.description,
        /^embedded scratch database \(not your app's database\): PGlite \(in memory\) \(config\.py:1 .*in-memory SQLite/,
      );
    } finally {
      await embedded.session.close();
    }
  } finally {
    rmSync(random, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  }
});
