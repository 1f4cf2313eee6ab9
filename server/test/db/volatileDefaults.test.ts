// Which server defaults make PostgreSQL rewrite the table when a column is added, measured: a table
// with rows gets ADD COLUMN … NOT NULL DEFAULT <expr>, and its relfilenode (the file holding the
// rows) is compared before and after. A new file means every row was rewritten. MF106 must fire for
// exactly the defaults that rewrite, read through the real model extractor from
// `server_default=db.text("<expr>")`, so its VOLATILE list is checked against the server, not guessed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { extractModels } from '../../src/core/models/modelIndex';
import { initPythonParser } from '../../src/core/python/parser';
import { findingsFor } from '../../src/core/rules';
import { emptySchema, type Schema } from '../../src/core/schema/types';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

/** [column type, default expression]: constants, STABLE and IMMUTABLE functions, and VOLATILE ones. */
const DEFAULTS: [string, string][] = [
  ['integer', '0'],
  ['text', "'none'"],
  ['boolean', 'false'],
  ['timestamp with time zone', 'now()'],
  ['timestamp with time zone', 'CURRENT_TIMESTAMP'],
  ['timestamp with time zone', 'transaction_timestamp()'],
  ['timestamp with time zone', 'statement_timestamp()'],
  ['timestamp without time zone', 'LOCALTIMESTAMP'],
  ['date', 'CURRENT_DATE'],
  ['timestamp with time zone', "now() + interval '1 day'"],
  ['text', "lower('ABC')"],
  ['text', "md5('x')"],
  ['uuid', 'gen_random_uuid()'],
  ['uuid', 'uuid_generate_v4()'],
  ['uuid', 'uuid_generate_v1()'],
  ['uuid', 'uuid_generate_v1mc()'],
  ['uuid', "uuid_generate_v5(uuid_ns_url(), 'x')"],
  ['double precision', 'random()'],
  ['integer', 'floor(random() * 10)::integer'],
  ['text', 'md5(random()::text)'],
  ['timestamp with time zone', 'clock_timestamp()'],
  ['text', 'timeofday()'],
  ['bigint', 'txid_current()'],
  ['bigint', "nextval('item_seq')"],
];

/** The model file that declares `item` with one extra column whose server default is `expression`. */
function modelsWith(expression: string | null): string {
  const extra = expression === null ? '' : `    extra = db.Column(db.Integer, nullable=False, server_default=db.text(${JSON.stringify(expression)}))\n`;
  return `from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n${extra}`;
}

function schemaOf(text: string): ReturnType<typeof extractModels> {
  return extractModels([{ path: '/project/app/models.py', text }], { root: '/project' });
}

/** Whether MF106 fires when the model gains the column with this default (the head has `item` without it). */
function mf106Fires(expression: string): boolean {
  const head: Schema = schemaOf(modelsWith(null)).schema ?? emptySchema();
  const models = schemaOf(modelsWith(expression));
  const column = models.schema.tables.item?.columns.extra;
  assert.ok(column, `the extractor read the column with default ${expression}`);
  const { findings } = findingsFor({ models, head, rowCounts: [], readText: () => undefined, dialect: 'postgresql' });
  return findings.some((f) => f.code === 'MF106');
}

describe('MF106 against real PostgreSQL: which defaults rewrite the table on ADD COLUMN', () => {
  let db: TestDatabase | undefined;
  let client: Client | undefined;
  before(async () => {
    if ((await postgresProblem()) !== null) return;
    db = await createTestDatabase('mg_volatile');
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"');
    await initPythonParser();
  });
  after(async () => {
    await client?.end();
    await db?.drop();
  });

  it('rewrites exactly for the defaults MF106 reports', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const pg = client as Client;
    const rows: string[] = [];
    const disagreements: string[] = [];
    let rewrites = 0;
    for (const [type, expression] of DEFAULTS) {
      await pg.query('DROP TABLE IF EXISTS item');
      await pg.query('DROP SEQUENCE IF EXISTS item_seq');
      await pg.query('CREATE SEQUENCE item_seq');
      await pg.query('CREATE TABLE item (id integer PRIMARY KEY)');
      await pg.query('INSERT INTO item SELECT g FROM generate_series(1, 100) g');
      const node = async () => (await pg.query<{ n: string }>("SELECT pg_relation_filenode('item')::text AS n")).rows[0]?.n;
      const beforeNode = await node();
      await pg.query(`ALTER TABLE item ADD COLUMN extra ${type} NOT NULL DEFAULT ${expression}`);
      const rewrote = (await node()) !== beforeNode;
      if (rewrote) rewrites++;
      const fires = mf106Fires(expression);
      rows.push(`${rewrote ? 'rewrites' : 'in place '}  MF106 ${fires ? 'fires ' : 'silent'}  ${expression}`);
      if (fires !== rewrote)
        disagreements.push(`${expression}: PostgreSQL ${rewrote ? 'rewrites' : 'does not rewrite'} the table, MF106 ${fires ? 'fires' : 'stays silent'}`);
    }
    t.diagnostic(`\n${rows.join('\n')}`);
    // The measurement itself must show both outcomes, or it proves nothing about the list.
    assert.ok(rewrites > 0 && rewrites < DEFAULTS.length, `expected some defaults to rewrite and some not (rewrites: ${rewrites})`);
    assert.deepEqual(disagreements, []);
  });
});
