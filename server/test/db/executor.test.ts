import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { executeMigration, type Planner } from '../../src/db/executor';
import { readAlembicVersion } from '../../src/db/alembicVersion';
import { introspectSchema } from '../../src/db/introspect';
import { BACKUP_SCHEMA } from '../../src/db/backup';
import { formatExecution } from '../../src/db/report';
import { chainGraph, chainPlanner, type ChainRevision } from './chain';
import { fullDump } from './dump';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const CHAIN: ChainRevision[] = [
  {
    revision: 'a1f0c0de0001',
    up: ['CREATE TABLE author (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL)', "INSERT INTO author (name) VALUES ('Ada'), ('Grace')"],
    down: ['DROP TABLE author'],
  },
  {
    revision: 'b2f0c0de0002',
    up: [
      'CREATE TABLE book (id SERIAL PRIMARY KEY, author_id INTEGER REFERENCES author (id), title TEXT NOT NULL, isbn VARCHAR(20))',
      "INSERT INTO book (author_id, title, isbn) VALUES (1, 'Notes', '111'), (2, 'COBOL', '222'), (2, 'Nanos', NULL)",
    ],
    down: ['DROP TABLE book'],
  },
  {
    revision: 'c3f0c0de0003',
    up: ['ALTER TABLE book DROP COLUMN isbn'],
    down: ['ALTER TABLE book ADD COLUMN isbn VARCHAR(20)'],
  },
];
const graph = chainGraph(CHAIN);
const HEAD = 'c3f0c0de0003';

for (const kind of TARGET_KINDS) {
  describe(`executeMigration on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('upgrades in one transaction and moves alembic_version one revision at a time, like Alembic', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      await withClient(db, async (client) => {
        const lines: string[] = [];
        const result = await executeMigration(client, chainPlanner(CHAIN, 'b2f0c0de0002'), { graph, log: (l) => lines.push(l) });
        assert.equal(result.status, 'applied', result.summary);
        assert.deepEqual(result.headsAfter, ['b2f0c0de0002']);
        assert.deepEqual(
          result.steps.map((s) => s.revision),
          ['a1f0c0de0001', 'b2f0c0de0002'],
        );
        assert.equal(result.steps[1]?.statements[1]?.rowCount, 3);
        assert.deepEqual(await readAlembicVersion(client), ['b2f0c0de0002']);
        const table = await client.query(
          `select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'alembic_version'::regclass and attname = 'version_num'`,
        );
        assert.equal(table.rows[0]?.type, 'character varying(32)');
        const pk = await client.query(`select conname from pg_constraint where conrelid = 'alembic_version'::regclass and contype = 'p'`);
        assert.equal(pk.rows[0]?.conname, 'alembic_version_pkc');
        assert.ok(lines.some((l) => l.includes('Upgrading to a1f0c0de0001')));
        const again = await executeMigration(client, chainPlanner(CHAIN, 'b2f0c0de0002'), { graph });
        assert.equal(again.status, 'nothing-to-do');
        const down = await executeMigration(client, chainPlanner(CHAIN, 'base'), { graph });
        assert.equal(down.status, 'applied', down.summary);
        assert.deepEqual(await readAlembicVersion(client), [], 'downgrade to base deletes the row and keeps the table, as Alembic does');
        assert.deepEqual(Object.keys((await introspectSchema(client)).tables), []);
      });
    });

    test('fault injection: when the third statement of a revision fails, schema, data and alembic_version are unchanged', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      await withClient(db, async (client) => {
        assert.equal((await executeMigration(client, chainPlanner(CHAIN, 'a1f0c0de0001'), { graph })).status, 'applied');
        const dumpBefore = await fullDump(client);
        const faulty: ChainRevision[] = [
          ...CHAIN.slice(0, 2),
          {
            revision: 'c3f0c0de0003',
            up: [
              'CREATE TABLE audit (id SERIAL PRIMARY KEY, note TEXT)',
              "UPDATE author SET name = 'changed'",
              'INSERT INTO audit (note) VALUES (1 / 0)',
              "INSERT INTO audit (note) VALUES ('never')",
            ],
            down: [],
          },
        ];
        const result = await executeMigration(client, chainPlanner(faulty, HEAD), { graph: chainGraph(faulty) });
        assert.equal(result.status, 'failed');
        assert.equal(result.failure?.revision, 'c3f0c0de0003');
        assert.equal(result.failure?.statement, 'INSERT INTO audit (note) VALUES (1 / 0)');
        assert.match(result.failure?.message ?? '', /division by zero/);
        assert.equal(result.failure?.code, '22012');
        assert.match(result.summary, /rolled back/);
        assert.equal(await fullDump(client), dumpBefore, 'the full dump after the failure equals the one before');
      });
    });

    test('dry run runs everything, reports row counts, then rolls back', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      await withClient(db, async (client) => {
        const dumpBefore = await fullDump(client);
        const result = await executeMigration(client, chainPlanner(CHAIN, HEAD), { graph, dryRun: true });
        assert.equal(result.status, 'dry-run', result.summary);
        assert.deepEqual(result.headsAfter, [HEAD]);
        assert.equal(result.steps.length, 3);
        assert.equal(result.steps[0]?.statements[1]?.rowCount, 2);
        assert.equal(await fullDump(client), dumpBefore);
        assert.equal(await readAlembicVersion(client), null, 'not even alembic_version was created');
      });
    });

    test('backup: a dropped column is copied to migration_guard_backup first, and the restore SQL puts it back', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      await withClient(db, async (client) => {
        assert.equal((await executeMigration(client, chainPlanner(CHAIN, 'b2f0c0de0002'), { graph })).status, 'applied');
        const planner: Planner = (heads) => {
          const plan = chainPlanner(CHAIN, HEAD)(heads);
          if (!plan.ok) return plan;
          for (const step of plan.steps) {
            step.backups = [{ table: 'book', columns: ['isbn'], reason: 'dropColumn' }];
          }
          return plan;
        };
        const lines: string[] = [];
        const result = await executeMigration(client, planner, { graph, log: (l) => lines.push(l), now: () => new Date('2026-11-23T10:20:30Z') });
        assert.equal(result.status, 'applied', result.summary);
        const record = result.steps[0]?.backups[0];
        assert.ok(record);
        assert.equal(record.rows, 3);
        assert.match(record.backupTable, /^book__isbn__c3f0c0de0003__20261123102030$/);
        const saved = await client.query(`select id, isbn from ${BACKUP_SCHEMA}."${record.backupTable}" order by id`);
        assert.deepEqual(saved.rows, [
          { id: 1, isbn: '111' },
          { id: 2, isbn: '222' },
          { id: 3, isbn: null },
        ]);
        const catalog = await client.query(`select revision, source_table, source_columns, restore_sql from ${BACKUP_SCHEMA}.backups`);
        assert.deepEqual(catalog.rows[0], { revision: HEAD, source_table: 'book', source_columns: ['isbn'], restore_sql: record.restoreSql });
        assert.ok(
          lines.some((l) => l.startsWith(`Backed up 3 rows of column isbn of "book" to ${BACKUP_SCHEMA}."${record.backupTable}"`)),
          lines.join('\n'),
        );
        assert.ok(formatExecution(result, { showStatements: false }).includes(record.restoreSql), 'the report prints the restore SQL');
        // The column comes back empty with a downgrade; the printed SQL refills it.
        assert.equal((await executeMigration(client, chainPlanner(CHAIN, 'b2f0c0de0002'), { graph })).status, 'applied');
        await client.query(record.restoreSql);
        const restored = await client.query('select id, isbn from book order by id');
        assert.deepEqual(restored.rows, [
          { id: 1, isbn: '111' },
          { id: 2, isbn: '222' },
          { id: 3, isbn: null },
        ]);
      });
    });

    test('a planner refusal touches nothing', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      await withClient(db, async (client) => {
        const result = await executeMigration(client, () => ({ ok: false, message: 'revision x holds Python at versions/x.py:12' }), { graph });
        assert.equal(result.status, 'refused');
        assert.match(result.summary, /Refused before touching the database: revision x holds Python/);
        assert.equal(await readAlembicVersion(client), null);
      });
    });

    test('two upgrades started at once: exactly one applies, the other waits and finds nothing to do', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const [a, b] = [await db.connect(), await db.connect()];
      try {
        const slowChain: ChainRevision[] = CHAIN.map((r, i) => (i === 0 ? { ...r, up: [...r.up, 'SELECT count(*) FROM generate_series(1, 200000)'] } : r));
        const linesB: string[] = [];
        const results = await Promise.all([
          executeMigration(a, chainPlanner(slowChain, HEAD), { graph }),
          executeMigration(b, chainPlanner(slowChain, HEAD), { graph, log: (l) => linesB.push(l) }),
        ]);
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, ['applied', 'nothing-to-do'], results.map((r) => r.summary).join(' | '));
        assert.deepEqual(await readAlembicVersion(a), [HEAD]);
        const authors = await a.query('select count(*)::int as n from author');
        assert.equal(authors.rows[0]?.n, 2, 'the data migration ran once');
      } finally {
        await a.end();
        await b.end();
      }
    });
  });
}
