// Which `ALTER COLUMN ... TYPE` statements PostgreSQL refuses without USING, whatever the data:
// every pair of the types core/history/apply/pgCasts.ts knows (with lengths, precisions, arrays and
// an enum) runs on an EMPTY table of a real PostgreSQL, and the table's verdict must be the server's.
// A refusal there is certain (no data involved), so the replay may flag it as an error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { CAST_TABLE_TYPES, castsWithoutUsing } from '../../src/core/history/apply/pgCasts';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

/** The table's types, plus spellings with a length, a precision, arrays, and an enum. */
const TYPES = [
  ...CAST_TABLE_TYPES,
  'character varying(20)',
  'character(10)',
  'numeric(10,2)',
  'timestamp(3) without time zone',
  'integer[]',
  'text[]',
  'character varying[]',
  'mood',
  'mood[]',
];

describe('type changes PostgreSQL casts by itself, measured on PostgreSQL', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;

  before(async () => {
    if (await postgresProblem()) return;
    db = await createTestDatabase('mg_casts');
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query("CREATE TYPE mood AS ENUM ('a', 'b')");
  });

  after(async () => {
    await client?.end();
    await db?.drop();
  });

  it('the cast table agrees with PostgreSQL 15 on every pair', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const c = client as Client;
    const disagreements: string[] = [];
    for (const from of TYPES) {
      for (const to of TYPES) {
        if (from === to) continue;
        await c.query('BEGIN');
        let runs = true;
        try {
          await c.query(`CREATE TABLE pair (v ${from})`);
          await c.query(`ALTER TABLE pair ALTER COLUMN v TYPE ${to}`);
        } catch (error) {
          const message = (error as Error).message;
          assert.match(message, /cannot be cast automatically|cannot cast/, `${from} -> ${to}: an unexpected error`);
          runs = false;
        } finally {
          await c.query('ROLLBACK');
        }
        const verdict = castsWithoutUsing(from, to, { mood: ['a', 'b'] });
        if (verdict !== runs) disagreements.push(`${from} -> ${to}: PostgreSQL ${runs ? 'runs it' : 'refuses'}, the table says ${String(verdict)}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('a default that cannot be cast makes PostgreSQL refuse the change even with USING', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const c = client as Client;
    for (const [type, value, to, using] of [
      ['boolean', 'false', 'integer', 'v::integer'],
      ['integer', '0', 'boolean', 'v::boolean'],
      ['character varying(20)', "'1'", 'integer', 'v::integer'],
    ] as const) {
      await c.query('BEGIN');
      try {
        await c.query(`CREATE TABLE pair (v ${type} DEFAULT ${value})`);
        await assert.rejects(c.query(`ALTER TABLE pair ALTER COLUMN v TYPE ${to} USING ${using}`), /default for column "v" cannot be cast automatically/);
        assert.equal(castsWithoutUsing(type, to, {}), false);
      } finally {
        await c.query('ROLLBACK');
      }
    }
  });
});
