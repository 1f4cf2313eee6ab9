// Two runs at once on a real PostgreSQL server, made to overlap deterministically: run A is held
// inside its transaction by a table lock a third session owns, while run B arrives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from 'pg';
import { executeMigration } from '../../src/db/executor';
import { readAlembicVersion } from '../../src/db/alembicVersion';
import { chainGraph, chainPlanner, type ChainRevision } from './chain';
import { openTarget, requireTarget, type Target } from './targets';

const CHAIN: ChainRevision[] = [
  {
    revision: 'aaaa00000001',
    up: ['LOCK TABLE gate IN SHARE MODE', 'CREATE TABLE note (id SERIAL PRIMARY KEY, body TEXT)', "INSERT INTO note (body) VALUES ('once')"],
    down: ['DROP TABLE note'],
  },
  { revision: 'bbbb00000002', up: ['ALTER TABLE note ADD COLUMN tag TEXT'], down: ['ALTER TABLE note DROP COLUMN tag'] },
];
const graph = chainGraph(CHAIN);

async function waitFor(what: string, check: () => Promise<boolean>, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function waitingOn(observer: Client, pid: number, locktype: string): Promise<boolean> {
  const result = await observer.query('select 1 from pg_locks where pid = $1 and locktype = $2 and not granted', [pid, locktype]);
  return (result.rowCount ?? 0) > 0;
}

async function pidOf(client: Client): Promise<number> {
  return (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
}

describe('concurrent upgrades on postgres', () => {
  let target: Target | null = null;
  before(async () => {
    target = await openTarget('postgres');
  });
  after(async () => {
    await target?.close();
  });

  for (const variant of ['waits', 'times out'] as const) {
    test(`the second run ${variant === 'waits' ? 'waits for the first and applies nothing twice' : 'gives up with a clear message when the lock timeout is short'}`, async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const [gatekeeper, observer, a, b] = [await db.connect(), await db.connect(), await db.connect(), await db.connect()];
      try {
        await gatekeeper.query('CREATE TABLE gate (id int)');
        await gatekeeper.query('BEGIN');
        await gatekeeper.query('LOCK TABLE gate IN ACCESS EXCLUSIVE MODE');
        const [pidA, pidB] = [await pidOf(a), await pidOf(b)];
        const runA = executeMigration(a, chainPlanner(CHAIN, 'bbbb00000002'), { graph, lockTimeoutMs: 30_000 });
        await waitFor('run A to hold the migration lock and wait on the gate', () => waitingOn(observer, pidA, 'relation'));
        const linesB: string[] = [];
        const runB = executeMigration(b, chainPlanner(CHAIN, 'bbbb00000002'), {
          graph,
          lockTimeoutMs: variant === 'waits' ? 30_000 : 300,
          log: (l) => linesB.push(l),
        });
        if (variant === 'waits') {
          await waitFor('run B to wait on the migration lock', () => waitingOn(observer, pidB, 'advisory'));
          await gatekeeper.query('COMMIT');
        }
        const resultB = variant === 'waits' ? undefined : await runB;
        if (resultB) {
          assert.equal(resultB.status, 'lock-busy');
          assert.match(resultB.summary, new RegExp(`another migration is still running on this database \\(process ${pidA}.*nothing was applied`));
          await gatekeeper.query('COMMIT');
        }
        const resultA = await runA;
        assert.equal(resultA.status, 'applied', resultA.summary);
        if (!resultB) {
          const waited = await runB;
          assert.equal(waited.status, 'nothing-to-do', waited.summary);
          assert.ok(
            linesB.some((l) => l.startsWith(`Another migration is running on this database (process ${pidA}`)),
            linesB.join('\n'),
          );
        }
        assert.deepEqual(await readAlembicVersion(observer), ['bbbb00000002']);
        const notes = await observer.query('select count(*)::int as n from note');
        assert.equal(notes.rows[0]?.n, 1, 'the data step ran exactly once');
      } finally {
        await gatekeeper.query('ROLLBACK').catch(() => undefined);
        for (const client of [gatekeeper, observer, a, b]) await client.end();
      }
    });
  }
});
