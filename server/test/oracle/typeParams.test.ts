// Oracle, issue 11 class 4 (as lenient as Alembic): which type parameter differences real Alembic's
// autogenerate (compare_type on, Debian's 1.8.1, PostgreSQL 15) reports. Each pair is a column created
// in PostgreSQL with the database type and a model with the SQLAlchemy type; Alembic's
// compare_metadata says whether it would write a type change, and the engine must say the same
// (its head type read from the same PostgreSQL table, its model type from a model file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { modelTypeFits } from '../../src/core/diff/compare';
import { extractModels } from '../../src/core/models';
import { initPythonParser } from '../../src/core/python/parser';
import { introspectSchema } from '../../src/db/introspect';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

/** [database type, SQLAlchemy type]: lengths, precisions and arrays given on one side, both or neither. */
const PAIRS: [string, string][] = [
  ['varchar', 'sa.String(320)'],
  ['varchar(20)', 'sa.String()'],
  ['varchar(20)', 'sa.String(30)'],
  ['varchar(20)', 'sa.String(20)'],
  ['numeric', 'sa.Numeric(12, 4)'],
  ['numeric(10,2)', 'sa.Numeric()'],
  ['numeric(10)', 'sa.Numeric(10, 2)'],
  ['timestamp(3)', 'sa.DateTime()'],
  ['char', 'sa.CHAR(5)'],
  ['varchar[]', 'postgresql.ARRAY(sa.String(20))'],
  ['varchar(20)[]', 'postgresql.ARRAY(sa.String())'],
  ['time(3)', 'sa.Time()'],
  ['text', 'sa.String(20)'],
  ['varchar', 'sa.Text()'],
];

/**
 * Where the engine differs, on purpose: the models reader spells a model type as PostgreSQL creates
 * it, so a parameter PostgreSQL fills in (Numeric(10) is numeric(10,0), CHAR() is character(1)) looks
 * given; Alembic counts only what the model wrote and reports no change. The engine reports one.
 */
const KNOWN: [string, string][] = [
  ['numeric(10,2)', 'sa.Numeric(10)'],
  ['char(5)', 'sa.CHAR()'],
];

const ALEMBIC = `
import json, sys
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
url, pairs = sys.argv[1], json.loads(sys.argv[2])
engine = sa.create_engine(url)
out = []
for i, (_, model) in enumerate(pairs):
    md = sa.MetaData()
    sa.Table(f"pair{i}", md, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", eval(model)))
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), md)
    out.append(any(isinstance(d, list) and any(x[0] == "modify_type" for x in d) for d in diffs))
print(json.dumps(out))
`;

describe('type parameters: what Alembic autogenerate reports as a type change (oracle)', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;

  before(async () => initPythonParser());
  after(async () => {
    await client?.end();
    await db?.drop();
  });

  it('the engine reports a change exactly where Alembic writes one', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_type_params');
    client = new Client({ connectionString: db.url });
    await client.connect();
    const all = [...PAIRS, ...KNOWN];
    for (const [i, [dbType]] of all.entries()) await client.query(`CREATE TABLE pair${i} (id integer PRIMARY KEY, v ${dbType})`);
    const run = spawnSync(SYSTEM_PYTHON, ['-c', ALEMBIC, db.sqlalchemyUrl, JSON.stringify(all)], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const alembicChanges = JSON.parse(run.stdout) as boolean[];
    const head = await introspectSchema(client);
    const models = extractModels(
      [
        {
          path: '/p/models.py',
          text: [
            'import sqlalchemy as sa',
            'from sqlalchemy.dialects import postgresql',
            'from sqlalchemy.orm import declarative_base',
            'Base = declarative_base()',
            ...all.flatMap(([, model], i) => [
              `class Pair${i}(Base):`,
              `    __tablename__ = "pair${i}"`,
              '    id = sa.Column(sa.Integer, primary_key=True)',
              `    v = sa.Column(${model})`,
            ]),
            '',
          ].join('\n'),
        },
      ],
      { root: '/p' },
    );
    const disagreements: string[] = [];
    all.forEach(([dbType, model], i) => {
      const headType = head.tables[`pair${i}`]?.columns.v?.type ?? '(missing)';
      const modelType = models.schema.tables[`pair${i}`]?.columns.v?.type ?? '(missing)';
      const ours = !modelTypeFits(headType, modelType);
      const expected = i < PAIRS.length ? alembicChanges[i] : true;
      if (i >= PAIRS.length) assert.equal(alembicChanges[i], false, `${dbType} vs ${model}: Alembic now writes a change`);
      if (ours !== expected)
        disagreements.push(
          `${dbType} (${headType}) vs ${model} (${modelType}): Alembic ${alembicChanges[i] ? 'writes a change' : 'writes none'}, we ${ours ? 'do' : 'do not'}`,
        );
    });
    assert.deepEqual(disagreements, []);
  });
});
