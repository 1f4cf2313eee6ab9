// Oracle: steps PostgreSQL refuses whatever the data, run on Debian's real Alembic 1.8.1 and
// PostgreSQL 15. Each scenario's head revision starts with a harmless step, then the refused one:
// real `alembic upgrade head` fails, PostgreSQL rolls the whole revision back (the harmless step
// too), and the database stays at the parent. The replay must flag the step at its line and give
// exactly the schema PostgreSQL leaves. Controls: the same steps written correctly run, and the
// replay flags nothing. The project's env.py is Flask-Migrate's shape (one transaction for the
// whole upgrade, transaction_per_migration off), so an upgrade from empty leaves nothing at all.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Client } from 'pg';
import { newReplayGuard } from '../../src/core/history/guardedReplay';
import { loadHistory } from '../../src/core/history/load';
import { schemaAtRevision } from '../../src/core/history/schemaAtRevision';
import { initPythonParser } from '../../src/core/python/parser';
import { schemaToJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import { AlembicProject, type RevisionSpec } from '../core/history/support/alembicProject';
import { FIXTURES_DIR } from '../support/fixtures';
import { needsPythonAndPostgres } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const BASE: RevisionSpec = {
  id: 'base0001',
  down: null,
  up: [
    "op.create_table('parent', sa.Column('id', sa.Integer(), primary_key=True))",
    "op.create_table('item', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('code', sa.String(20)), sa.Column('note', sa.Text()), sa.Column('flag', sa.Boolean(), server_default=sa.text('false')), sa.Column('parent_id', sa.Integer(), sa.ForeignKey('parent.id')))",
  ],
  downgrade: [],
};

const HARMLESS = "op.add_column('item', sa.Column('extra', sa.Integer()))";

interface Scenario {
  name: string;
  steps: string[];
  /** What PostgreSQL says (null: a control that runs). */
  error: RegExp | null;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'varchar to integer with no postgresql_using',
    steps: ["op.alter_column('item', 'code', existing_type=sa.String(20), type_=sa.Integer())"],
    error: /cannot be cast automatically to type integer/,
  },
  { name: 'text to boolean', steps: ["op.alter_column('item', 'note', type_=sa.Boolean())"], error: /cannot be cast automatically to type boolean/ },
  {
    name: 'a boolean with a default to integer, even with postgresql_using',
    steps: ["op.alter_column('item', 'flag', type_=sa.Integer(), postgresql_using='flag::integer')"],
    error: /default for column "flag" cannot be cast automatically/,
  },
  {
    name: 'add_column of a postgresql.ENUM(create_type=False) nothing created',
    steps: ["op.add_column('item', sa.Column('kind', postgresql.ENUM('a', 'b', name='kind', create_type=False)))"],
    error: /type "kind" does not exist/,
  },
  {
    name: 'add_column of an sa.Enum (add_column never creates the type)',
    steps: ["op.add_column('item', sa.Column('kind', sa.Enum('a', 'b', name='kind')))"],
    error: /type "kind" does not exist/,
  },
  {
    name: 'create_table with a postgresql.ENUM(create_type=False) nothing created',
    steps: [
      "op.create_table('tagged', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('kind', postgresql.ENUM('a', 'b', name='kind', create_type=False)))",
    ],
    error: /type "kind" does not exist/,
  },
  {
    name: 'alter_column to an enum type nothing created',
    steps: ["op.alter_column('item', 'note', type_=sa.Enum('a', 'b', name='kind'), postgresql_using='note::kind')"],
    error: /type "kind" does not exist/,
  },
  {
    name: 'dropping a table another table still references',
    steps: ["op.drop_table('parent')"],
    error: /cannot drop table parent because other objects depend on it/,
  },
  {
    name: 'a foreign key column to varchar while it references an integer key',
    steps: ["op.alter_column('item', 'parent_id', existing_type=sa.Integer(), type_=sa.String(20))"],
    error: /foreign key constraint "item_parent_id_fkey" cannot be implemented/,
  },
  {
    name: 'a referenced key to varchar while a foreign key column still holds integers',
    steps: ["op.alter_column('parent', 'id', existing_type=sa.Integer(), type_=sa.String(20))"],
    error: /foreign key constraint "item_parent_id_fkey" cannot be implemented/,
  },
  // Controls: written the way PostgreSQL accepts.
  {
    name: 'control: varchar to integer with postgresql_using',
    steps: ["op.alter_column('item', 'code', type_=sa.Integer(), postgresql_using='code::integer')"],
    error: null,
  },
  {
    name: 'control: the default dropped before the type change',
    steps: ["op.alter_column('item', 'flag', server_default=None)", "op.alter_column('item', 'flag', type_=sa.Integer(), postgresql_using='flag::integer')"],
    error: null,
  },
  {
    name: 'control: the enum created first',
    steps: [
      "postgresql.ENUM('a', 'b', name='kind').create(op.get_bind())",
      "op.add_column('item', sa.Column('kind', postgresql.ENUM('a', 'b', name='kind', create_type=False)))",
    ],
    error: null,
  },
  {
    name: 'control: the foreign key dropped first',
    steps: ["op.drop_constraint('item_parent_id_fkey', 'item', type_='foreignkey')", "op.drop_table('parent')"],
    error: null,
  },
  {
    name: 'control: both columns of a foreign key to varchar with the key dropped first, then the referencing one to text',
    steps: [
      "op.drop_constraint('item_parent_id_fkey', 'item', type_='foreignkey')",
      "op.alter_column('parent', 'id', existing_type=sa.Integer(), type_=sa.String(20))",
      "op.alter_column('item', 'parent_id', existing_type=sa.Integer(), type_=sa.String(20))",
      "op.create_foreign_key('item_parent_id_fkey', 'item', 'parent', ['parent_id'], ['id'])",
      "op.alter_column('item', 'parent_id', type_=sa.Text())",
    ],
    error: null,
  },
  {
    name: 'control: a foreign key column and its key to bigint, one ALTER after the other',
    steps: ["op.alter_column('item', 'parent_id', type_=sa.BigInteger())", "op.alter_column('parent', 'id', type_=sa.BigInteger())"],
    error: null,
  },
  {
    name: 'control: integer to bigint, text to varchar(12), varchar to text (assignment casts)',
    steps: [
      "op.alter_column('item', 'id', type_=sa.BigInteger())",
      "op.alter_column('item', 'note', type_=sa.String(12))",
      "op.alter_column('item', 'code', type_=sa.Text())",
    ],
    error: null,
  },
];

describe('steps PostgreSQL refuses, on real Alembic and PostgreSQL (oracle)', () => {
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
      db = await createTestDatabase('mg_refused');
      client = new Client({ connectionString: db.url });
      await client.connect();
      project = new AlembicProject(db.sqlalchemyUrl);
    }
    await (client as Client).query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    return { client: client as Client, project: project as AlembicProject };
  }

  const version = async (c: Client) => (await c.query<{ version_num: string }>('SELECT version_num FROM alembic_version')).rows.map((r) => r.version_num);

  for (const scenario of SCENARIOS) {
    it(scenario.name, async (t) => {
      const env = await setUp(t);
      if (!env) return;
      env.project.writeRevisions([BASE, { id: 'head0002', down: BASE.id, up: [HARMLESS, ...scenario.steps], downgrade: [] }]);
      env.project.alembic('upgrade', BASE.id);
      const history = loadHistory(env.project.dir);
      const guard = newReplayGuard(null);
      const replayed = schemaAtRevision(history, 'head', guard);
      const refused = replayed.notes.filter((n) => n.kind === 'pg-rejected');
      if (scenario.error) {
        assert.throws(() => env.project.alembic('upgrade', 'head'), scenario.error);
        assert.deepEqual(await version(env.client), [BASE.id], 'PostgreSQL rolled the revision back');
        assert.equal(refused.length, 1, JSON.stringify(replayed.notes));
        const line = (refused[0]?.location?.range.start.line ?? -1) + 1;
        // The refused step is the last line of upgrade(): the line after HARMLESS and the steps before it.
        const text = (await import('node:fs')).readFileSync(refused[0]?.location?.file ?? '', 'utf8').split('\n');
        assert.equal(text[line - 1]?.trim(), scenario.steps[scenario.steps.length - 1]);
        assert.ok(guard.uncertain.has('item') || guard.uncertain.has('parent') || guard.uncertain.has('tagged'));
      } else {
        env.project.alembic('upgrade', 'head');
        assert.deepEqual(refused, []);
        assert.deepEqual(
          replayed.notes.filter((n) => n.severity === 'error'),
          [],
        );
      }
      assert.deepEqual(schemaToJson(replayed.schema), schemaToJson(await introspectSchema(env.client)), 'the replay gives what PostgreSQL leaves');
    });
  }

  it("from an empty database, Flask-Migrate's single transaction leaves nothing at all", async (t) => {
    const env = await setUp(t);
    if (!env) return;
    env.project.writeRevisions([BASE, { id: 'head0002', down: BASE.id, up: [HARMLESS, ...(SCENARIOS[0] as Scenario).steps], downgrade: [] }]);
    assert.throws(() => env.project.alembic('upgrade', 'head'), /cannot be cast automatically/);
    const tables = await env.client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    assert.deepEqual(tables.rows, [], 'base0001 and alembic_version were rolled back with the refused revision');
  });

  it('test-fixtures/pg-refused: real flask-style upgrade stops at b2; the replay up to there is what PostgreSQL leaves', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const fixture = new AlembicProject((db as TestDatabase).sqlalchemyUrl, path.join(FIXTURES_DIR, 'pg-refused', 'migrations', 'versions'));
    try {
      fixture.alembic('upgrade', 'a1a1a1a1a1a1');
      assert.throws(() => fixture.alembic('upgrade', 'head'), /cannot be cast automatically to type integer/);
      assert.deepEqual(await version(env.client), ['a1a1a1a1a1a1']);
      const history = loadHistory(path.join(FIXTURES_DIR, 'pg-refused'));
      const replayed = schemaAtRevision(history, 'b2b2b2b2b2b2', newReplayGuard(null));
      assert.deepEqual(schemaToJson(replayed.schema), schemaToJson(await introspectSchema(env.client)));
      // Each later refused revision fails on its own too, once the ones before it are skipped by a stamp.
      fixture.alembic('stamp', 'c3c3c3c3c3c3');
      assert.throws(() => fixture.alembic('upgrade', 'd4d4d4d4d4d4'), /cannot drop table publisher because other objects depend on it/);
      fixture.alembic('stamp', 'd4d4d4d4d4d4');
      assert.throws(() => fixture.alembic('upgrade', 'e5e5e5e5e5e5'), /type "bookformat" does not exist/);
    } finally {
      fixture.remove();
    }
  });
});
