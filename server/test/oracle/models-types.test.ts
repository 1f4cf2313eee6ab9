// Oracle: SQLAlchemy 1.4 creates columns with these types and server defaults, and constraints
// left unnamed, on a real PostgreSQL; what pg_catalog reports must equal what our mappings compute.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { initPythonParser, parsePython } from '../../src/core/python/parser';
import { readExpr } from '../../src/core/python/expr';
import { qualifyName, readImports } from '../../src/core/python/imports';
import { sqlaTypeToPg } from '../../src/core/schema/sqlaTypes';
import { serverDefaultToPg } from '../../src/core/schema/defaults';
import { checkColumnName, PgNameChooser } from '../../src/core/schema/naming';
import { introspectSchema } from '../../src/db/introspect';
import type { Schema } from '../../src/core/schema/types';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const PRELUDE = [
  'import enum',
  'import sqlalchemy as sa',
  'from sqlalchemy import func, text',
  'from sqlalchemy.dialects import postgresql',
  'class Mood(enum.Enum):',
  "    happy = 'H'",
  "    sad = 'S'",
].join('\n');

const TYPES = [
  'sa.String',
  'sa.String(120)',
  'sa.String(length=7)',
  'sa.Text',
  'sa.Unicode',
  'sa.Unicode(50)',
  'sa.UnicodeText',
  'sa.Integer',
  'sa.BigInteger',
  'sa.SmallInteger',
  'sa.Boolean',
  'sa.Float',
  'sa.Float(10)',
  'sa.Float(53)',
  'sa.Numeric',
  'sa.Numeric(10, 2)',
  'sa.Numeric(12)',
  'sa.Numeric(precision=7, scale=3)',
  'sa.DECIMAL(5, 1)',
  'sa.DateTime',
  'sa.DateTime(timezone=True)',
  'sa.Date',
  'sa.Time',
  'sa.Time(timezone=True)',
  'sa.Interval',
  'sa.LargeBinary',
  'sa.LargeBinary(16)',
  'sa.PickleType',
  'sa.JSON',
  'postgresql.JSON',
  'postgresql.JSONB',
  "sa.Enum('draft', 'published', name='status')",
  'sa.Enum(Mood)',
  'sa.Enum(Mood, name="feeling", values_callable=lambda x: [e.value for e in x])',
  "sa.Enum('aa', 'bbbb', native_enum=False)",
  "postgresql.ENUM('x', 'y', name='xy')",
  'sa.ARRAY(sa.Integer)',
  'postgresql.ARRAY(sa.String(20))',
  'sa.ARRAY(postgresql.JSONB)',
  'postgresql.UUID(as_uuid=True)',
  'postgresql.UUID',
  'sa.CHAR',
  'sa.CHAR(3)',
  'sa.NCHAR(4)',
  'sa.VARCHAR(30)',
  'sa.TIMESTAMP',
  'sa.TIMESTAMP(timezone=True)',
  'postgresql.TIMESTAMP(precision=3)',
  'postgresql.TIME(precision=2)',
  'sa.INTEGER',
  'sa.BIGINT',
  'sa.SMALLINT',
  'sa.REAL',
  'sa.FLOAT',
  'sa.NUMERIC(8, 3)',
  'sa.TEXT',
  'sa.BOOLEAN',
  'sa.DATE',
  'postgresql.DOUBLE_PRECISION',
  'postgresql.INET',
  'postgresql.CIDR',
  'postgresql.MACADDR',
  'postgresql.MONEY',
  'postgresql.TSVECTOR',
  'postgresql.BYTEA',
  'postgresql.OID',
  'postgresql.BIT(3)',
  'postgresql.BIT',
  "postgresql.INTERVAL(fields='DAY')",
  'postgresql.INTERVAL(precision=3)',
];

/** [column type, server_default] pairs. */
const DEFAULTS: [string, string][] = [
  ['sa.DateTime', 'func.now()'],
  ['sa.DateTime', 'sa.func.current_timestamp()'],
  ['sa.DateTime(timezone=True)', "text('CURRENT_TIMESTAMP')"],
  ['sa.String(20)', "'x'"],
  ['sa.String', '"it\'s"'],
  ['sa.Text', "'hello'"],
  ['sa.Text', "''"],
  ['sa.Integer', "'0'"],
  ['sa.Integer', "text('0')"],
  ['sa.Integer', "text('-1')"],
  ['sa.Integer', "'-3'"],
  ['sa.Integer', 'text("\'4\'")'],
  ['sa.Integer', "'007'"],
  ['sa.Numeric(10, 2)', "'1.5'"],
  ['sa.Numeric', "'3'"],
  ['sa.Numeric', "text('2.25')"],
  ['sa.Float', "'1.5'"],
  ['sa.Float', "'-2'"],
  ['sa.Boolean', 'sa.true()'],
  ['sa.Boolean', 'sa.false()'],
  ['sa.Boolean', "text('true')"],
  ['sa.Boolean', "'false'"],
  ['sa.Boolean', "'1'"],
  ["sa.Enum('a', 'b', name='ab')", "'a'"],
  ['postgresql.JSONB', "'{}'"],
  ['postgresql.JSONB', '\'{"b": 1, "a": [1,2]}\''],
  ['postgresql.JSONB', 'text("\'{}\'::jsonb")'],
  ['sa.JSON', '\'{"b":1}\''],
  ['sa.Date', 'func.current_date()'],
  ['sa.DateTime', "text('now()')"],
  ['sa.DateTime', 'func.localtimestamp()'],
  ['postgresql.UUID', "text('gen_random_uuid()')"],
  ['sa.String(5)', 'text("\'abc\'")'],
  ['sa.Date', "'2020-01-01'"],
  ['sa.DateTime', "'2020-01-01 00:00:00'"],
  ['sa.CHAR(2)', "'ab'"],
  ['sa.BigInteger', "'5'"],
  ['sa.SmallInteger', "text('7')"],
  ['sa.ARRAY(sa.Integer)', "'{}'"],
  ['sa.Time', 'func.current_time()'],
  ['sa.BigInteger', "text('0')"],
];

function runPython(script: string, env: Record<string, string>): void {
  const result = spawnSync(SYSTEM_PYTHON, ['-c', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(result.status, 0, `python failed:\n${result.stderr}`);
}

function ourMapping(source: string) {
  const tree = parsePython(`${PRELUDE}\nx = ${source}\n`);
  const imports = readImports(tree.rootNode);
  const last = tree.rootNode.namedChildren[tree.rootNode.namedChildren.length - 1];
  const right = last?.namedChildren[0]?.childForFieldName('right');
  assert.ok(right, source);
  const qualify = (d: string) => qualifyName(d, imports);
  const resolveEnumClass = (name: string) =>
    name === 'Mood'
      ? {
          name: 'Mood',
          members: [
            { name: 'happy', value: 'H' },
            { name: 'sad', value: 'S' },
          ],
        }
      : null;
  return { expr: readExpr(right), qualify, resolveEnumClass };
}

describe('oracle: SQLAlchemy 1.4 types, server defaults and constraint names on PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let live: Schema;

  before(async () => {
    await initPythonParser();
  });

  after(async () => {
    await db?.drop();
  });

  it('creates the oracle tables', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_models_types');
    const typeColumns = TYPES.map((type, i) => `    sa.Column('c${i}', ${type}),`);
    const defaultColumns = DEFAULTS.map(([type, value], i) => `    sa.Column('d${i}', ${type}, server_default=${value}),`);
    const script = [
      PRELUDE,
      'import os',
      'md = sa.MetaData()',
      "sa.Table('types', md, sa.Column('id', sa.Integer, primary_key=True),",
      ...typeColumns,
      ')',
      "sa.Table('defaults', md, sa.Column('id', sa.BigInteger, primary_key=True),",
      ...defaultColumns,
      ')',
      "sa.Table('parent', md, sa.Column('id', sa.SmallInteger, primary_key=True), sa.Column('code', sa.String(5), unique=True))",
      `sa.Table('${'long_table_name_'.repeat(3)}x', md, sa.Column('a', sa.Integer, primary_key=True), sa.Column('b', sa.Integer),`,
      `    sa.Column('${'very_long_column_name_'.repeat(2)}c', sa.Integer, sa.ForeignKey('parent.id')),`,
      "    sa.UniqueConstraint('a', 'b'), sa.CheckConstraint('b > 0'), sa.CheckConstraint('b < 100'), sa.CheckConstraint('a < b'))",
      "sa.Table('pair', md, sa.Column('x', sa.Integer, primary_key=True), sa.Column('y', sa.Integer, primary_key=True),",
      "    sa.Column('p', sa.Integer, sa.ForeignKey('parent.id', ondelete='CASCADE')), sa.Column('q', sa.Integer, sa.ForeignKey('parent.id')),",
      "    sa.ForeignKeyConstraint(['q'], ['parent.id']), sa.CheckConstraint(\"p IN (1, 2)\"))",
      'md.create_all(sa.create_engine(os.environ["DB_URL"]))',
    ].join('\n');
    runPython(script, { DB_URL: db.sqlalchemyUrl });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      live = await introspectSchema(client);
    } finally {
      await client.end();
    }
  });

  it('maps every type to the format_type PostgreSQL reports', (t) => {
    if (!live) return t.skip('oracle tables were not created');
    const columns = live.tables.types?.columns ?? {};
    const mismatches: string[] = [];
    TYPES.forEach((source, i) => {
      const { expr, qualify, resolveEnumClass } = ourMapping(source);
      const ours = sqlaTypeToPg(expr, qualify, { resolveEnumClass });
      const theirs = columns[`c${i}`]?.type;
      if (!('type' in ours) || ours.type !== theirs) mismatches.push(`${source}: ours ${JSON.stringify(ours)}, PostgreSQL ${theirs}`);
      if ('enum' in ours && ours.enum) assert.deepEqual(live.enums[ours.enum.name], ours.enum.values, source);
    });
    assert.deepEqual(mismatches, []);
    assert.equal(columns.id?.default, "nextval('types_id_seq'::regclass)");
  });

  it('prints every server default as pg_get_expr does', (t) => {
    if (!live) return t.skip('oracle tables were not created');
    const columns = live.tables.defaults?.columns ?? {};
    const mismatches: string[] = [];
    DEFAULTS.forEach(([typeSource, valueSource], i) => {
      const type = ourMapping(typeSource);
      const mapped = sqlaTypeToPg(type.expr, type.qualify);
      assert.ok('type' in mapped, typeSource);
      const value = ourMapping(valueSource);
      const ours = serverDefaultToPg(value.expr, mapped.type, { qualify: value.qualify });
      const theirs = columns[`d${i}`]?.default;
      if (!('default' in ours) || ours.default !== theirs)
        mismatches.push(`${typeSource} server_default=${valueSource}: ours ${JSON.stringify(ours)}, PostgreSQL ${theirs}`);
    });
    assert.deepEqual(mismatches, []);
  });

  it('names unnamed constraints as PostgreSQL does', (t) => {
    if (!live) return t.skip('oracle tables were not created');
    const longName = `${'long_table_name_'.repeat(3)}x`;
    const longColumn = `${'very_long_column_name_'.repeat(2)}c`;
    const table = live.tables[longName];
    assert.ok(table);
    const chooser = new PgNameChooser();
    assert.equal(table.primaryKey?.name, chooser.primaryKey(longName));
    assert.deepEqual(
      table.uniques.map((u) => u.name),
      [chooser.unique(longName, ['a', 'b'])],
    );
    assert.deepEqual(
      table.foreignKeys.map((f) => f.name),
      [chooser.foreignKey(longName, [longColumn])],
    );
    const checks = ['b > 0', 'b < 100', 'a < b'].map((e) => chooser.check(longName, checkColumnName(e, ['a', 'b', longColumn])));
    assert.deepEqual(table.checks.map((c) => c.name).sort(), checks.sort());

    const pair = live.tables.pair;
    assert.ok(pair);
    const pairNames = new PgNameChooser();
    assert.equal(pair.primaryKey?.name, pairNames.primaryKey('pair'));
    const fks = [pairNames.foreignKey('pair', ['p']), pairNames.foreignKey('pair', ['q']), pairNames.foreignKey('pair', ['q'])];
    assert.deepEqual(pair.foreignKeys.map((f) => f.name).sort(), fks.sort());
    assert.deepEqual(
      pair.checks.map((c) => c.name),
      [pairNames.check('pair', checkColumnName('p IN (1, 2)', ['x', 'y', 'p', 'q']))],
    );
    assert.equal(live.tables.parent?.uniques[0]?.name, 'parent_code_key');
    assert.equal(live.tables.parent?.columns.id?.default, "nextval('parent_id_seq'::regclass)");
  });
});
