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
  });
}
