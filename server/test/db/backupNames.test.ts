// Two upgrades of the same revision within one second (upgrade, downgrade, upgrade again) each keep
// their own copy: the second must not fail on the first one's backup table name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { takeBackups } from '../../src/db/backup';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

for (const kind of TARGET_KINDS) {
  describe(`backup table names on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('a second backup of the same column in the same second gets its own table, and both hold their rows', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      await withClient(db, async (client) => {
        await client.query(`CREATE TABLE post (id serial PRIMARY KEY, title text NOT NULL)`);
        await client.query(`INSERT INTO post (title) VALUES ('first'), ('second')`);
        const now = new Date('2026-12-01T14:59:51.000Z');
        const step = { revision: 'e3784da40645', direction: 'up' as const };
        const target = { table: 'post', columns: ['title'], reason: 'dropColumn' as const };
        const first = await takeBackups(client, [target], step, now);
        await client.query(`UPDATE post SET title = title || ' (edited)'`);
        const second = await takeBackups(client, [target], step, now);
        assert.equal(first.length, 1);
        assert.equal(second.length, 1);
        assert.notEqual(first[0]!.backupTable, second[0]!.backupTable);
        const read = async (name: string) =>
          (await client.query<{ title: string }>(`SELECT title FROM migration_guard_backup.${JSON.stringify(name)} ORDER BY id`)).rows.map((r) => r.title);
        assert.deepEqual(await read(first[0]!.backupTable), ['first', 'second']);
        assert.deepEqual(await read(second[0]!.backupTable), ['first (edited)', 'second (edited)']);
      });
    });
  });
}
