// Issue 11, class 4: as lenient as Alembic where Alembic is right to be. A model type without a
// length (db.String(), db.Numeric()) matches the length the history gave; the reverse is a change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

  it('a length the model gives is compared, and a bare history type against a model length is a change', () => {
    assert.equal(diffSchemas(schemaWith('character varying(255)'), schemaWith('character varying(100)')).length, 1);
    assert.equal(diffSchemas(schemaWith('character varying'), schemaWith('character varying(100)')).length, 1);
    assert.equal(diffSchemas(schemaWith('character varying(255)'), schemaWith('text')).length, 1);
  });
});
