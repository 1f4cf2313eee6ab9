// An op with no SQLAlchemy spelling is written into the revision as op.execute(SQL). The SQL is
// computed against the schema the ops before it leave, and every such op gets exactly its own
// statements, in order, whatever comes between them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyStr } from '../../../src/core/render/mako';
import { opsToPython } from '../../../src/core/render/pythonOps';
import { opsToSql } from '../../../src/core/render/sql';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { emptySchema } from '../../../src/core/schema/types';

const serialPk = (table: string) => ({ name: 'id', type: 'integer', nullable: false, default: `nextval('${table}_id_seq'::regclass)` });
const createTable = (table: string): MigrationOp => ({
  kind: 'createTable',
  table,
  columns: [serialPk(table)],
  primaryKey: { name: `${table}_pkey`, columns: ['id'] },
  uniques: [],
  foreignKeys: [],
  checks: [],
});
/** A column with a sequence default outside the primary key: SQLAlchemy cannot spell it in add_column. */
const addSequenceColumn = (table: string, column: string): MigrationOp => ({
  kind: 'addColumn',
  table,
  column: { name: column, type: 'integer', nullable: true, default: `nextval('${table}_${column}_seq'::regclass)` },
});

describe('revision Python: ops written as SQL', () => {
  it('each unspellable op gets its own statements, computed after the ops before it', () => {
    const ops = [createTable('a'), addSequenceColumn('a', 'n'), createTable('b'), addSequenceColumn('b', 'm'), addSequenceColumn('a', 'k')];
    const lines = opsToPython(ops, emptySchema(), {}).lines;
    const executed = lines.filter((l) => l.startsWith('op.execute('));
    const comments = lines.filter((l) => l.startsWith('# addColumn: a sequence default outside the primary key'));
    assert.equal(comments.length, 3, lines.join('\n'));
    // The statements of ops 1, 3 and 4 alone, as the whole revision's SQL gives them.
    const perOp = ops.map((_, i) => opsToSql(ops.slice(0, i + 1), emptySchema()).slice(opsToSql(ops.slice(0, i), emptySchema()).length));
    const expected = [1, 3, 4].flatMap((i) => perOp[i] ?? []);
    assert.ok(expected.length >= 3, 'every unspellable op has SQL');
    assert.deepEqual(
      executed,
      expected.map((s) => `op.execute(${pyStr(s)})`),
    );
    assert.ok(
      lines.some((l) => l.startsWith("op.create_table('b'")),
      'the spellable op between them is Python',
    );
  });
});
