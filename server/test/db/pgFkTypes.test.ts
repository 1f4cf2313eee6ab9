// Which foreign keys PostgreSQL can implement between a key column of one type and a referencing
// column of another: every pair of the types core/history/apply/fkTypes.ts knows runs on a real
// PostgreSQL, both as CREATE TABLE ... REFERENCES and as an ALTER COLUMN ... TYPE of either column
// under an existing key, and the table's verdict must be the server's. A refusal there involves no
// data, so the replay may flag the step as an error (test/oracle/pgRefused.test.ts runs it on Alembic).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { FK_TABLE_TYPES, foreignKeyPairs } from '../../src/core/history/apply/fkTypes';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

/** The table's types, plus spellings with a length or a precision. */
const TYPES = [...FK_TABLE_TYPES, 'character varying(20)', 'character(10)', 'numeric(10,2)', 'timestamp(3) without time zone'];

describe('foreign keys PostgreSQL can implement between two types, measured on PostgreSQL', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;

  before(async () => {
    if (await postgresProblem()) return;
    db = await createTestDatabase('mg_fk_types');
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  after(async () => {
    await client?.end();
    await db?.drop();
  });

  /** Whether the statements run (rolled back either way); a refusal must be the incompatible-key one. */
  async function runs(c: Client, statements: string[], what: string): Promise<boolean> {
    await c.query('BEGIN');
    try {
      for (const statement of statements) await c.query(statement);
      return true;
    } catch (error) {
      assert.match((error as Error).message, /foreign key constraint .* cannot be implemented/, `${what}: an unexpected error`);
      return false;
    } finally {
      await c.query('ROLLBACK');
    }
  }

  it('the table agrees with PostgreSQL 15 on every pair, created and altered', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const c = client as Client;
    const disagreements: string[] = [];
    for (const key of TYPES) {
      for (const referencing of TYPES) {
        const verdict = foreignKeyPairs(key, referencing);
        const created = await runs(
          c,
          [`CREATE TABLE k (id ${key} PRIMARY KEY)`, `CREATE TABLE r (k_id ${referencing} REFERENCES k (id))`],
          `${key} <- ${referencing}`,
        );
        if (verdict !== created)
          disagreements.push(`key ${key} <- ${referencing}: PostgreSQL ${created ? 'creates it' : 'refuses'}, the table says ${String(verdict)}`);
      }
    }
    // ALTER COLUMN ... TYPE under an existing key is checked the same way (on either side), for the
    // pairs a cast allows without USING (text and integer keys, each side changed to every type).
    for (const start of ['integer', 'text']) {
      for (const to of TYPES) {
        const base = [`CREATE TABLE k (id ${start} PRIMARY KEY)`, `CREATE TABLE r (k_id ${start} REFERENCES k (id))`];
        for (const [side, sql] of [
          ['key', `ALTER TABLE k ALTER COLUMN id TYPE ${to} USING NULL`],
          ['referencing', `ALTER TABLE r ALTER COLUMN k_id TYPE ${to} USING NULL`],
        ] as const) {
          const altered = await runs(c, [...base, sql], `${start} ${side} -> ${to}`);
          const verdict = side === 'key' ? foreignKeyPairs(to, start) : foreignKeyPairs(start, to);
          if (verdict !== altered)
            disagreements.push(`${start} pair, ${side} altered to ${to}: PostgreSQL ${altered ? 'runs it' : 'refuses'}, the table says ${String(verdict)}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
  });
});
