import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countAllRowsAtRisk, type RiskQuery } from '../../src/db/rowsAtRisk';
import { ruleFor } from '../../src/core/rules';

/** A query as the rules make it: the measure comes from the code's record. */
const query = (q: Omit<RiskQuery, 'measure'>): RiskQuery => ({ ...q, measure: ruleFor(q.code)?.rowsAtRisk?.measure ?? 'tableRows' });
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

for (const kind of TARGET_KINDS) {
  describe(`rows at risk on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('counts rows for DS102/DS103/MF104/MF105 and reports missing tables and columns', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const counts = await withClient(db, async (client) => {
        await client.query(`create table "order" (id serial primary key, note text, code varchar(40), price numeric(12,2), qty text);
          insert into "order" (note, code, price, qty) values
            ('a', 'short', 10.5, '3'), (null, 'a-much-longer-code-value', 123456.78, 'three'), ('c', null, null, '99999999999'), (null, 'x', 1, null)`);
        return countAllRowsAtRisk(client, [
          query({ code: 'DS102', table: 'order' }),
          query({ code: 'DS103', table: 'order', column: 'note' }),
          query({ code: 'MF104', table: 'order', column: 'note' }),
          query({ code: 'MF105', table: 'order', column: 'code', toType: 'character varying(10)' }),
          query({ code: 'MF105', table: 'order', column: 'price', toType: 'numeric(6,2)' }),
          query({ code: 'MF105', table: 'order', column: 'qty', toType: 'integer' }),
          query({ code: 'MF105', table: 'order', column: 'qty' }),
          query({ code: 'DS103', table: 'order', column: 'gone' }),
          query({ code: 'DS102', table: 'nope' }),
        ]);
      });
      assert.deepEqual(
        counts.map((c) => [c.code, c.column ?? null, c.totalRows, c.rowsAtRisk, c.problem]),
        [
          ['DS102', null, 4, 4, null],
          ['DS103', 'note', 4, 2, null],
          ['MF104', 'note', 4, 2, null],
          ['MF105', 'code', 4, 1, null],
          ['MF105', 'price', 4, 1, null],
          ['MF105', 'qty', 4, 2, null],
          ['MF105', 'qty', 4, 3, null],
          ['DS103', 'gone', 0, 0, 'column "order.gone" is not in the database'],
          ['DS102', null, 0, 0, 'table "nope" is not in the database'],
        ],
      );
    });

    test('MF101 duplicate groups, MF103 rows, MF105 values that would change (counted with the target type), PG101/PG301 size and estimate', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const counts = await withClient(db, async (client) => {
        await client.query(`create table member (id serial primary key, email varchar(40), team int, nick varchar(10), rate numeric(12,4), zip text, seen timestamp);
          insert into member (email, team, nick, rate, zip, seen) values
            ('a@x', 1, 'a', 1.5, '01234', '2024-05-01 00:00'), ('a@x', 1, 'b', 1.2345, '42', '2024-05-01 13:45'),
            ('b@x', 2, 'c', 2.25, 'n/a', null), ('b@x', 2, 'c', null, '7', '2024-05-02 09:00'), ('c@x', 3, null, 3, null, null),
            (null, null, null, null, null, null), (null, null, null, null, null, null)`);
        return countAllRowsAtRisk(client, [
          query({ code: 'MF101', table: 'member', columns: ['email'] }),
          query({ code: 'MF101', table: 'member', columns: ['team', 'nick'] }),
          query({ code: 'MF103', table: 'member' }),
          query({ code: 'MF105', table: 'member', column: 'rate', fromType: 'numeric(12,4)', toType: 'numeric(12,2)' }),
          query({ code: 'MF105', table: 'member', column: 'seen', fromType: 'timestamp without time zone', toType: 'date' }),
          query({ code: 'MF105', table: 'member', column: 'zip', fromType: 'text', toType: 'integer' }),
          query({ code: 'MF105', table: 'member', column: 'nick', fromType: 'character varying(10)', toType: 'character varying(1)' }),
          query({ code: 'PG101', table: 'member' }),
          query({ code: 'PG301', table: 'member' }),
          query({ code: 'MF101', table: 'member', columns: ['gone'] }),
        ]);
      });
      assert.deepEqual(
        counts.map((c) => [c.code, c.measure, c.column ?? c.columns?.join(',') ?? null, c.totalRows, c.rowsAtRisk, c.problem]),
        [
          // email: a@x twice, b@x twice (NULLs never collide); (team, nick): (2, c) twice.
          ['MF101', 'duplicateGroups', 'email', 7, 2, null],
          ['MF101', 'duplicateGroups', 'team,nick', 7, 1, null],
          ['MF103', 'tableRows', null, 7, 7, null],
          // 1.2345 and 2.25? no: 2.2500 keeps; only 1.2345 is rounded.
          ['MF105', 'valuesNotFitting', 'rate', 7, 1, null],
          // 13:45 and 09:00 lose their time of day; midnight keeps it.
          ['MF105', 'valuesNotFitting', 'seen', 7, 2, null],
          // 'n/a' makes the cast fail: then the values that do not fit integer are counted ('n/a').
          ['MF105', 'valuesNotFitting', 'zip', 7, 1, null],
          ['MF105', 'valuesNotFitting', 'nick', 7, 0, null],
          ['PG101', 'tableEstimate', null, 7, 7, null],
          ['PG301', 'tableEstimate', null, 7, 7, null],
          ['MF101', 'duplicateGroups', 'gone', 0, 0, 'column "member.gone" is not in the database'],
        ],
      );
      assert.ok((counts[7]?.bytes ?? 0) > 0, 'the table size is read');
    });
  });
}
