// Issue 11, class 4: as lenient as Alembic where Alembic is right to be. Type parameters are compared
// only when both sides give as many: a model type without a length (db.String(), db.Numeric())
// matches the length the history gave, and a bare history type matches a model length (real
// Alembic: test/oracle/typeParams.test.ts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { initPythonParser } from '../../../src/core/python/parser';
import { diffSchemas } from '../../../src/core/diff';
import { emptyTable, type Schema } from '../../../src/core/schema/types';

function schemaWith(type: string): Schema {
  const table = emptyTable();
  table.columns.id = { type: 'integer', nullable: false, default: null };
  table.columns.name = { type, nullable: true, default: null };
  table.primaryKey = { name: 'item_pkey', columns: ['id'] };
  return { tables: { item: table }, enums: {} };
}

describe('type parameters the model leaves out', () => {
  it('String() in the model matches VARCHAR(255) in the history, Numeric() matches NUMERIC(10,2), arrays too', () => {
    assert.deepEqual(diffSchemas(schemaWith('character varying(255)'), schemaWith('character varying')), []);
    assert.deepEqual(diffSchemas(schemaWith('numeric(10,2)'), schemaWith('numeric')), []);
    assert.deepEqual(diffSchemas(schemaWith('character varying(40)[]'), schemaWith('character varying[]')), []);
  });

  it('a bare history type matches a model length (redash: VARCHAR in the history, String(320) in the model)', () => {
    assert.deepEqual(diffSchemas(schemaWith('character varying'), schemaWith('character varying(320)')), []);
    assert.deepEqual(diffSchemas(schemaWith('timestamp(3) without time zone'), schemaWith('timestamp without time zone')), []);
    assert.deepEqual(diffSchemas(schemaWith('numeric'), schemaWith('numeric(12,4)')), []);
  });

  it('parameters both sides give are compared; another type and PostgreSQL bare char(1) are changes', () => {
    assert.equal(diffSchemas(schemaWith('character varying(255)'), schemaWith('character varying(100)')).length, 1);
    assert.equal(diffSchemas(schemaWith('numeric(10,0)'), schemaWith('numeric(10,2)')).length, 1);
    assert.equal(diffSchemas(schemaWith('character'), schemaWith('character(5)')).length, 1);
    assert.equal(diffSchemas(schemaWith('character varying(255)'), schemaWith('text')).length, 1);
    assert.equal(diffSchemas(schemaWith('character varying'), schemaWith('text')).length, 1);
  });
});

describe('test-fixtures/type-params: parameters given on one side only', () => {
  before(async () => initPythonParser());

  it('check: no finding on VARCHAR vs String(320) or NUMERIC vs Numeric(12, 2); a shorter length both sides give is MF105', async () => {
    let out = '';
    const fixture = path.resolve(__dirname, '../../../../test-fixtures/type-params');
    const code = await checkCommand.run(parseArgs([fixture, '--format', 'json'], new Set(checkCommand.booleanFlags ?? [])), {
      out: (t) => (out += t),
      err: () => undefined,
    });
    assert.equal(code, 1);
    const findings = JSON.parse(out) as { code: string; severity: string; column?: string }[];
    assert.deepEqual(
      findings.filter((f) => f.code !== 'MG001').map((f) => `${f.code} ${f.severity} ${f.column}`),
      ['MF105 warning code', 'PG301 info code'],
    );
  });
});
