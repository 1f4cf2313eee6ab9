// Oracle: if_exists / if_not_exists on real PostgreSQL 15. Debian's Alembic 1.8.1 predates those
// keywords, so the base revision runs on real Alembic and the tolerant revision runs as the SQL our
// `sql` writes for it (IF [NOT] EXISTS), on the same database: every statement runs, and the schema
// PostgreSQL ends with is the replay's. Raw `IF [NOT] EXISTS` SQL in op.execute runs on real Alembic.
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Client } from 'pg';
import { newReplayGuard } from '../../src/core/history/guardedReplay';
import { loadHistory } from '../../src/core/history/load';
import { schemaAtRevision } from '../../src/core/history/schemaAtRevision';
import { initPythonParser } from '../../src/core/python/parser';
import { opsToSql } from '../../src/core/render/sql';
import { schemaToJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import { AlembicProject } from '../core/history/support/alembicProject';
import { IF_EXISTS_BASE, TOLERANT_STEPS } from '../core/history/support/ifExistsHistory';
import { needsPythonAndPostgres } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

describe('if_exists / if_not_exists on real PostgreSQL (oracle)', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;
  let project: AlembicProject | null = null;

  before(async () => initPythonParser());
  after(async () => {
    await client?.end();
    await db?.drop();
    project?.remove();
  });

  async function setUp(t: TestContext): Promise<{ client: Client; project: AlembicProject } | null> {
    if (await needsPythonAndPostgres(t)) return null;
    if (!db) {
      db = await createTestDatabase('mg_ifexists');
      client = new Client({ connectionString: db.url });
      await client.connect();
      project = new AlembicProject(db.sqlalchemyUrl);
    }
    await (client as Client).query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    return { client: client as Client, project: project as AlembicProject };
  }

  it('the SQL written for a tolerant revision runs, and PostgreSQL ends with the replayed schema', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    env.project.writeRevisions([IF_EXISTS_BASE, { id: 'ife00002', down: IF_EXISTS_BASE.id, up: TOLERANT_STEPS, downgrade: [] }]);
    env.project.alembic('upgrade', IF_EXISTS_BASE.id);
    const history = loadHistory(env.project.dir);
    const ops = history.graph.revisions.get('ife00002')?.upgrade.ops ?? [];
    const statements = opsToSql(ops, schemaAtRevision(history, IF_EXISTS_BASE.id).schema);
    await env.client.query('BEGIN');
    try {
      // checkfirst=True has no SQL spelling in PostgreSQL (no CREATE TYPE IF NOT EXISTS): SQLAlchemy asks first.
      for (const sql of statements) if (!sql.startsWith('CREATE TYPE')) await env.client.query(sql);
      await env.client.query('COMMIT');
    } catch (error) {
      await env.client.query('ROLLBACK');
      throw error;
    }
    const head = schemaAtRevision(history, 'head', newReplayGuard(null));
    assert.deepEqual(
      head.notes.filter((n) => n.severity === 'error'),
      [],
    );
    assert.deepEqual(schemaToJson(head.schema), schemaToJson(await introspectSchema(env.client)));
  });

  it('raw IF [NOT] EXISTS SQL runs on real Alembic and replays to the same schema', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    env.project.writeRevisions([
      IF_EXISTS_BASE,
      {
        id: 'ife00002',
        down: IF_EXISTS_BASE.id,
        up: [
          "op.execute('DROP INDEX IF EXISTS ix_gone')",
          "op.execute('CREATE INDEX IF NOT EXISTS ix_t_a ON t (a)')",
          "op.execute('DROP TABLE IF EXISTS ghost')",
          "op.execute('CREATE TABLE IF NOT EXISTS t (id serial PRIMARY KEY)')",
          "op.execute('ALTER TABLE t ADD COLUMN IF NOT EXISTS a integer, DROP COLUMN IF EXISTS zz')",
          "op.execute('ALTER TABLE t DROP CONSTRAINT IF EXISTS nope')",
        ],
        downgrade: [],
      },
    ]);
    env.project.alembic('upgrade', 'head');
    const head = schemaAtRevision(loadHistory(env.project.dir), 'head', newReplayGuard(null));
    assert.deepEqual(
      head.notes.filter((n) => n.severity === 'error'),
      [],
    );
    assert.deepEqual(schemaToJson(head.schema), schemaToJson(await introspectSchema(env.client)));
  });
});
