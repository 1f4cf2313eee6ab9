// The revisions of the if_exists / if_not_exists tests (core/history/ifExists.test.ts and its oracle).
import type { RevisionSpec } from './alembicProject';

export const IF_EXISTS_BASE: RevisionSpec = {
  id: 'ife00001',
  down: null,
  up: [
    "op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('a', sa.Integer()))",
    "op.create_index('ix_t_a', 't', ['a'])",
    "sa.Enum('x', 'y', name='kind').create(op.get_bind())",
  ],
  downgrade: [],
};

/** Each op meets what it tolerates: a missing index/table/column/constraint, an existing one. */
export const TOLERANT_STEPS = [
  "op.drop_index('ix_gone', table_name='t', if_exists=True)",
  "op.create_index('ix_t_a', 't', ['a'], if_not_exists=True)",
  "op.drop_table('ghost', if_exists=True)",
  "op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True), if_not_exists=True)",
  "op.add_column('t', sa.Column('a', sa.Integer()), if_not_exists=True)",
  "op.drop_column('t', 'zz', if_exists=True)",
  "op.drop_constraint('nope', 't', if_exists=True)",
  "sa.Enum('x', 'y', name='kind').create(op.get_bind(), checkfirst=True)",
  "op.execute('DROP INDEX IF EXISTS ix_other')",
];
