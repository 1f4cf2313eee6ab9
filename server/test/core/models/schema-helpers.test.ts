import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initPythonParser, parsePython } from '../../../src/core/python/parser';
import { readExpr, type PyExpr } from '../../../src/core/python/expr';
import { qualifyName, readImports } from '../../../src/core/python/imports';
import { sqlaTypeToPg } from '../../../src/core/schema/sqlaTypes';
import { serverDefaultToPg } from '../../../src/core/schema/defaults';
import { checkColumnName, conventionName, indexName, makeObjectName, PgNameChooser, truncateGeneratedName } from '../../../src/core/schema/naming';

const HEADER =
  'import sqlalchemy as sa\nfrom sqlalchemy import *\nfrom sqlalchemy.dialects import postgresql\nfrom flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n';

function exprAndQualify(source: string): { expr: PyExpr; qualify: (d: string) => string } {
  const tree = parsePython(`${HEADER}x = ${source}\n`);
  const imports = readImports(tree.rootNode);
  const statement = tree.rootNode.namedChildren[tree.rootNode.namedChildren.length - 1];
  const right = statement?.namedChildren[0]?.childForFieldName('right');
  assert.ok(right, source);
  return { expr: readExpr(right), qualify: (d) => qualifyName(d, imports) };
}

function pgType(source: string) {
  const { expr, qualify } = exprAndQualify(source);
  return sqlaTypeToPg(expr, qualify, {
    resolveEnumClass: (name) =>
      name === 'Mood'
        ? {
            name: 'Mood',
            members: [
              { name: 'happy', value: 'H' },
              { name: 'sad', value: 'S' },
            ],
          }
        : null,
  });
}

function pgDefault(source: string, type: string) {
  const { expr, qualify } = exprAndQualify(source);
  return serverDefaultToPg(expr, type, { qualify });
}

describe('sqlaTypeToPg', () => {
  before(async () => {
    await initPythonParser();
  });

  it('maps the common types as SQLAlchemy 1.4 creates them on PostgreSQL', () => {
    const cases: [string, string][] = [
      ['sa.String', 'character varying'],
      ['db.String(120)', 'character varying(120)'],
      ['String(length=40)', 'character varying(40)'],
      ['sa.Float', 'double precision'],
      ['sa.Float(10)', 'real'],
      ['Numeric(10, 2)', 'numeric(10,2)'],
      ['Numeric(10)', 'numeric(10,0)'],
      ['sa.DateTime(timezone=True)', 'timestamp with time zone'],
      ['sa.DateTime()', 'timestamp without time zone'],
      ['postgresql.TIMESTAMP(precision=3)', 'timestamp(3) without time zone'],
      ['sa.CHAR', 'character(1)'],
      ['postgresql.UUID(as_uuid=True)', 'uuid'],
      ['postgresql.JSONB', 'jsonb'],
      ['sa.ARRAY(sa.String(20))', 'character varying(20)[]'],
      ['sa.LargeBinary(10)', 'bytea'],
      ['sa.Unicode(50)', 'character varying(50)'],
      ['postgresql.INTERVAL(fields="DAY")', 'interval day'],
    ];
    for (const [source, expected] of cases) assert.deepEqual(pgType(source), { type: expected }, source);
  });

  it('reads Enum labels, project enum classes and names', () => {
    assert.deepEqual(pgType("sa.Enum('a', 'b', name='ab')"), { type: 'ab', enum: { name: 'ab', values: ['a', 'b'] } });
    assert.deepEqual(pgType('sa.Enum(Mood)'), { type: 'mood', enum: { name: 'mood', values: ['happy', 'sad'] } });
    assert.deepEqual(pgType('sa.Enum(Mood, values_callable=lambda x: [e.value for e in x])'), { type: 'mood', enum: { name: 'mood', values: ['H', 'S'] } });
    assert.deepEqual(pgType("sa.Enum('aa', 'bbbb', native_enum=False)"), { type: 'character varying(4)' });
    assert.ok('problem' in pgType("sa.Enum('a', 'b')"));
    assert.ok('problem' in pgType('sa.Enum(Unknown)'));
  });

  it('reports what it does not know instead of guessing', () => {
    for (const source of ['MyType()', 'sa.String(LENGTH)', 'sa.Text(50)', 'sa.NVARCHAR(3)', 'types[0]', 'sa.String(*a)']) {
      const result = pgType(source);
      assert.ok('problem' in result, `${source} → ${JSON.stringify(result)}`);
    }
  });
});

describe('serverDefaultToPg', () => {
  it('prints literal defaults the way pg_get_expr does', () => {
    const cases: [string, string, string][] = [
      ["'x'", 'character varying(20)', "'x'::character varying"],
      ['"it\'s"', 'character varying', "'it''s'::character varying"],
      ["'hello'", 'text', "'hello'::text"],
      ["'0'", 'integer', '0'],
      ["'-3'", 'integer', "'-3'::integer"],
      ["'5'", 'bigint', "'5'::bigint"],
      ["'1.5'", 'numeric(10,2)', '1.5'],
      ["'3'", 'numeric', "'3'::numeric"],
      ["'1.5'", 'double precision', "'1.5'::double precision"],
      ["'1'", 'boolean', 'true'],
      ["'false'", 'boolean', 'false'],
      ["'a'", 'myenum', "'a'::myenum"],
      ["'ab'", 'character(2)', "'ab'::bpchar"],
      ['\'{"b":1,"a":[1,2]}\'', 'jsonb', '\'{"a": [1, 2], "b": 1}\'::jsonb'],
      ["'{}'", 'integer[]', "'{}'::integer[]"],
      ["'2020-01-01'", 'date', "'2020-01-01'::date"],
    ];
    for (const [source, type, expected] of cases) assert.deepEqual(pgDefault(source, type), { default: expected }, `${source} ${type}`);
  });

  it('reads text(), func.*() and sa.true()', () => {
    const cases: [string, string, string][] = [
      ['sa.text("0")', 'integer', '0'],
      ['text("-1")', 'integer', "'-1'::integer"],
      ['sa.text("\'abc\'")', 'character varying(5)', "'abc'::character varying"],
      ['sa.text("\'{}\'::jsonb")', 'jsonb', "'{}'::jsonb"],
      ['sa.text("CURRENT_TIMESTAMP")', 'timestamp with time zone', 'CURRENT_TIMESTAMP'],
      ['sa.text("NOW()")', 'timestamp without time zone', 'now()'],
      ['sa.func.now()', 'timestamp without time zone', 'now()'],
      ['db.func.current_timestamp()', 'timestamp without time zone', 'CURRENT_TIMESTAMP'],
      ['func.current_date()', 'date', 'CURRENT_DATE'],
      ['sa.true()', 'boolean', 'true'],
      ['sa.false()', 'boolean', 'false'],
      ['sa.text("gen_random_uuid()")', 'uuid', 'gen_random_uuid()'],
    ];
    for (const [source, type, expected] of cases) assert.deepEqual(pgDefault(source, type), { default: expected }, `${source} ${type}`);
  });

  it('flags what it cannot print exactly', () => {
    assert.ok('problem' in pgDefault('0', 'integer'));
    assert.ok('problem' in pgDefault("'abc'", 'integer'));
    assert.ok('problem' in pgDefault('make_default()', 'integer'));
    const raw = pgDefault('sa.text("(now() at time zone \'utc\')")', 'timestamp without time zone');
    assert.ok('note' in raw && raw.note);
  });
});

describe('constraint and index names', () => {
  it('follows PostgreSQL makeObjectName truncation', () => {
    assert.equal(makeObjectName('user', null, 'pkey'), 'user_pkey');
    assert.equal(makeObjectName('user', 'email', 'key'), 'user_email_key');
    const long = makeObjectName('a'.repeat(40), 'b'.repeat(40), 'fkey');
    assert.equal(Buffer.byteLength(long), 63);
    assert.equal(long, `${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
    assert.equal(makeObjectName('t', 'é'.repeat(40), 'key').length <= 63, true);
  });

  it('numbers clashing names', () => {
    const chooser = new PgNameChooser();
    assert.equal(chooser.check('item', null), 'item_check');
    assert.equal(chooser.check('item', null), 'item_check1');
    assert.equal(chooser.foreignKey('item', ['owner_id']), 'item_owner_id_fkey');
    assert.equal(chooser.unique('item', ['a', 'b']), 'item_a_b_key');
  });

  it('finds the single column a check mentions', () => {
    assert.equal(checkColumnName('price > 0', ['price', 'qty']), 'price');
    assert.equal(checkColumnName('price > 0 AND qty > 0', ['price', 'qty']), null);
    assert.equal(checkColumnName("status IN ('price', 'qty')", ['price', 'qty', 'status']), 'status');
  });

  it('applies naming conventions and SQLAlchemy truncation', () => {
    assert.deepEqual(indexName('user', ['email']), { name: 'ix_user_email' });
    const convention = {
      ix: 'ix_%(column_0_label)s',
      uq: 'uq_%(table_name)s_%(column_0_N_name)s',
      ck: 'ck_%(table_name)s_%(constraint_name)s',
      fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
      pk: 'pk_%(table_name)s',
    };
    assert.deepEqual(conventionName('uq', convention, { table: 't', columns: ['a', 'b'] }), { name: 'uq_t_a_b' });
    assert.deepEqual(conventionName('ck', convention, { table: 't', columns: [], constraintName: 'positive' }), { name: 'ck_t_positive' });
    assert.ok('problem' in conventionName('ck', convention, { table: 't', columns: [] }));
    assert.deepEqual(conventionName('fk', convention, { table: 't', columns: ['u_id'], referredTable: 'u', referredColumns: ['id'] }), { name: 'fk_t_u_id_u' });
    assert.deepEqual(conventionName('uq', {}, { table: 't', columns: ['a'], constraintName: 'mine' }), { name: 'mine' });
    assert.ok('problem' in indexName('t', ['a'], { uq: 'uq_%(table_name)s' }));
    const long = truncateGeneratedName(`ix_${'x'.repeat(70)}`);
    assert.equal(long.length, 60);
    assert.match(long, /^ix_x+_[0-9a-f]{4}$/);
  });
});
