// The raw-SQL classifier: what each statement destroys, and what it cannot read (named "not checked").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyRawSql } from '../../../src/core/history/sql/destructive';

const kinds = (sql: string) => classifyRawSql(sql).map((s) => (s.unchecked ? 'unchecked' : s.risks.map((r) => r.kind).join('+') || 'safe'));

describe('classifyRawSql', () => {
  it('sees every destructive shape, quoted and qualified names included', () => {
    assert.deepEqual(classifyRawSql('DROP TABLE IF EXISTS public."Raw" CASCADE')[0]?.risks, [
      { kind: 'dropTable', target: { schema: 'public', table: 'Raw' }, cascade: true },
    ]);
    assert.deepEqual(classifyRawSql('ALTER TABLE "user" DROP COLUMN email')[0]?.risks, [
      { kind: 'dropColumn', target: { schema: null, table: 'user' }, column: 'email' },
    ]);
    assert.deepEqual(classifyRawSql('alter table t alter column c type varchar(10) using c::text')[0]?.risks, [
      { kind: 'alterType', target: { schema: null, table: 't' }, column: 'c', toType: 'varchar(10)' },
    ]);
    assert.deepEqual(kinds('TRUNCATE a, b; DELETE FROM c; DELETE FROM d WHERE id = 1; DROP SCHEMA s CASCADE; DROP TYPE mood CASCADE'), [
      'deleteAllRows+deleteAllRows',
      'deleteAllRows',
      'deleteRows',
      'dropSchema',
      'dropType',
    ]);
    assert.deepEqual(classifyRawSql('UPDATE t SET a = 1, b = lower(x), (c, d) = (1, 2)')[0]?.risks, [
      { kind: 'overwriteAllRows', target: { schema: null, table: 't' }, columns: ['a', 'b', 'c', 'd'] },
    ]);
  });

  it('knows safe statements, and names what it cannot read', () => {
    assert.deepEqual(
      kinds(
        'INSERT INTO t VALUES (1); CREATE INDEX i ON t (a); UPDATE t SET a = 1 WHERE a IS NULL; ALTER TABLE t DROP CONSTRAINT c, ADD COLUMN x int; ALTER TABLE t ALTER COLUMN c DROP NOT NULL',
      ),
      ['safe', 'safe', 'safe', 'safe', 'safe'],
    );
    assert.deepEqual(
      kinds(
        'DO $$ BEGIN DROP TABLE x; END $$; CALL purge(); WITH d AS (DELETE FROM t RETURNING *) SELECT 1; MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE',
      ),
      ['unchecked', 'unchecked', 'unchecked', 'unchecked'],
    );
  });

  it('an enum gaining or renaming a label is safe (the revisions we write do it); dropping an attribute is not read', () => {
    assert.deepEqual(
      kinds(
        `ALTER TYPE "mood 'x'; --" ADD VALUE 'new''one' AFTER 'back\\'; ALTER TYPE s.m RENAME VALUE 'a' TO 'b'; ALTER TYPE m RENAME TO n; ALTER TYPE c DROP ATTRIBUTE a`,
      ),
      ['safe', 'safe', 'safe', 'unchecked'],
    );
  });
});
