// Oracle: the schema replayed from revision files equals what Debian's real Alembic 1.8.1 builds in
// PostgreSQL — at head, at an intermediate revision, and after a real downgrade back to it.
import { openProject } from '../../src/core/project/service';
import { plainAlembicFixtures } from '../support/fixtures';
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Client } from 'pg';
import { initPythonParser } from '../../src/core/python/parser';
import { loadHistory, type History } from '../../src/core/history/load';
import { schemaAtRevision, replaySteps } from '../../src/core/history/schemaAtRevision';
import { pathBetween } from '../../src/core/history/path';
import { schemaToJson } from '../../src/core/schema/json';
import type { Note } from '../../src/core/source';
import { introspectSchema } from '../../src/db/introspect';
import { needsPythonAndPostgres } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { AlembicProject } from '../core/history/support/alembicProject';
import { EVERY_OP_HISTORY, EVERY_OP_MIDPOINT } from '../core/history/support/everyOpHistory';
import { randomHistory } from '../core/history/support/randomHistory';
import { schemasOfOps } from '../../src/core/schema/tableKey';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

describe('history replay vs real alembic (oracle)', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;
  let project: AlembicProject | null = null;

  before(async () => {
    await initPythonParser();
  });

  after(async () => {
    await client?.end();
    await db?.drop();
    project?.remove();
  });

  /** One database and one Alembic project for the whole file; the schema is emptied between cases. */
  async function setUp(t: TestContext): Promise<{ client: Client; project: AlembicProject } | null> {
    if (await needsPythonAndPostgres(t)) return null;
    if (!db) {
      db = await createTestDatabase('mg_history');
      client = new Client({ connectionString: db.url });
      await client.connect();
      project = new AlembicProject(db.sqlalchemyUrl);
    }
    await (client as Client).query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    return { client: client as Client, project: project as AlembicProject };
  }

  const errorsOf = (notes: Note[]) => notes.filter((n) => n.severity === 'error').map((n) => `${n.kind}: ${n.message}`);

  /** The other PostgreSQL schemas a history makes tables in (test-fixtures/multi-schema): read too. */
  const otherSchemas = (history: History) => schemasOfOps(history.revisions.flatMap((r) => [...r.upgrade.ops, ...r.downgrade.ops]));

  async function assertSameSchema(client: Client, history: History, spec: string, label: string): Promise<void> {
    const replayed = schemaAtRevision(history, spec);
    assert.deepEqual(errorsOf(replayed.notes), [], `${label}: replay reported errors`);
    const live = await introspectSchema(client, { alsoSchemas: otherSchemas(history) });
    assert.deepEqual(schemaToJson(replayed.schema), schemaToJson(live), `${label}: replayed schema differs from PostgreSQL`);
  }

  it('every op: replay equals alembic upgrade head', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    env.project.writeRevisions(EVERY_OP_HISTORY);
    const history = loadHistory(env.project.dir);
    assert.deepEqual(errorsOf(history.notes), []);
    assert.equal(history.revisions.length, EVERY_OP_HISTORY.length);
    env.project.alembic('upgrade', 'head');
    await assertSameSchema(env.client, history, 'head', 'head');
  });

  it('every op: replay equals alembic upgrade to an intermediate revision', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    env.project.writeRevisions(EVERY_OP_HISTORY);
    env.project.alembic('upgrade', EVERY_OP_MIDPOINT);
    await assertSameSchema(env.client, loadHistory(env.project.dir), EVERY_OP_MIDPOINT, 'midpoint');
  });

  it('every op: replayed downgrade equals alembic downgrade back to the intermediate revision', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    env.project.writeRevisions(EVERY_OP_HISTORY);
    env.project.alembic('upgrade', 'head');
    env.project.alembic('downgrade', EVERY_OP_MIDPOINT);
    const history = loadHistory(env.project.dir);
    await assertSameSchema(env.client, history, EVERY_OP_MIDPOINT, 'after downgrade');
    // The downgrade() bodies themselves, replayed from head along Alembic's downgrade path.
    const head = schemaAtRevision(history, 'head');
    const path = pathBetween(history.graph, history.graph.heads, EVERY_OP_MIDPOINT);
    assert.ok(path.ok, path.ok ? '' : path.error);
    if (!path.ok) return;
    assert.ok(path.steps.every((s) => s.direction === 'down'));
    const notes: Note[] = [];
    replaySteps(history, head.schema, path.steps, notes);
    assert.deepEqual(errorsOf(notes), []);
    assert.deepEqual(schemaToJson(head.schema), schemaToJson(await introspectSchema(env.client)));
  });

  for (const seed of [1, 2, 3]) {
    it(`generated history #${seed}: replay equals alembic at head, midway, and after downgrade`, async (t) => {
      const env = await setUp(t);
      if (!env) return;
      const { revisions, midpoint } = randomHistory(seed, 14);
      env.project.writeRevisions(revisions);
      const history = loadHistory(env.project.dir);
      env.project.alembic('upgrade', 'head');
      await assertSameSchema(env.client, history, 'head', `seed ${seed} head`);
      env.project.alembic('downgrade', midpoint);
      await assertSameSchema(env.client, history, midpoint, `seed ${seed} after downgrade`);
    });
  }

  it("fixtures' Flask-Migrate histories replay to what alembic builds", async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const fixtures = plainAlembicFixtures();
    if (fixtures.length === 0) {
      t.skip('no test-fixtures/*/migrations yet');
      return;
    }
    for (const name of fixtures) {
      await (env.client as Client).query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      const versions = path.join(FIXTURES, name, 'migrations', 'versions');
      const fixtureProject = new AlembicProject((db as TestDatabase).sqlalchemyUrl, versions, path.join(FIXTURES, name));
      try {
        fixtureProject.alembic('upgrade', 'heads');
        // Through the project service (read for this PostgreSQL): the types revisions import from the project are resolved there.
        const opened = openProject(path.join(FIXTURES, name), { databaseUrl: (db as TestDatabase).url });
        const history = opened.ok ? await opened.project.history() : loadHistory(path.join(FIXTURES, name));
        await assertSameSchema(env.client, history, 'heads', `fixture ${name}`);
        // And their downgrade() bodies, replayed from the heads back to base.
        fixtureProject.alembic('downgrade', 'base');
        const replayed = schemaAtRevision(history, 'heads').schema;
        const steps = pathBetween(history.graph, history.graph.heads, 'base');
        assert.ok(steps.ok);
        const notes: Note[] = [];
        if (steps.ok) replaySteps(history, replayed, steps.steps, notes);
        assert.deepEqual(errorsOf(notes), [], `fixture ${name}: downgrade replay errors`);
        assert.deepEqual(
          schemaToJson(replayed),
          schemaToJson(await introspectSchema(env.client, { alsoSchemas: otherSchemas(history) })),
          `fixture ${name}: after downgrade base`,
        );
      } finally {
        fixtureProject.remove();
      }
    }
  });
});
