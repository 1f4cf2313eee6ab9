// Names under the target metadata's naming_convention, as Alembic 1.8 / SQLAlchemy 1.4 give them
// (alembic/operations/schemaobj.py builds each op's objects on a MetaData with target_metadata's
// convention). The expected names are checked against real Alembic in offline mode when Python is here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { parseRevisionFile } from '../../../src/core/history/revisionFile';
import { initPythonParser } from '../../../src/core/python/parser';
import type { NamingConvention } from '../../../src/core/schema/naming';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';

const CONVENTION: NamingConvention = {
  ix: 'ix_%(table_name)s_%(column_0_N_name)s',
  uq: 'uq_%(table_name)s_%(column_0_name)s',
  ck: 'ck_%(table_name)s_%(constraint_name)s',
  fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
  pk: 'pk_%(table_name)s',
};

/** The body both sides run: ours parses it, real Alembic renders its SQL. */
const BODY = `
    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('a', sa.Integer(), unique=True),
                    sa.Column('b', sa.Integer(), index=True), sa.Index(None, 'a', 'b'))
    op.create_table('u', sa.Column('id', sa.Integer(), nullable=False), sa.Column('t_id', sa.Integer()),
                    sa.ForeignKeyConstraint(['t_id'], ['t.id']), sa.PrimaryKeyConstraint('id'))
    op.create_check_constraint('positive', 't', 'a > 0')
    op.create_check_constraint(op.f('ck_t_exact'), 't', 'b > 0')
    op.create_unique_constraint(None, 'u', ['t_id'])
    op.create_index(None, 'u', ['t_id'])
    op.drop_constraint('ck_t_positive', 't', type_='check')
    op.drop_constraint('ck_t_exact', 't')
    op.drop_index('ix_u_t_id', 'u')
`;

const revision = (body: string) =>
  `"""probe\n\nRevision ID: a1\nRevises:\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = 'a1'\ndown_revision = None\n\n\ndef upgrade():${body}\n\ndef downgrade():\n    pass\n`;

/** Every constraint and index name the ops create or drop, in order. */
function namesOf(ops: readonly MigrationOp[]): string[] {
  const names: string[] = [];
  for (const op of ops) {
    if (op.kind === 'createTable') {
      if (op.primaryKey) names.push(op.primaryKey.name);
      names.push(...op.uniques.map((u) => u.name), ...op.foreignKeys.map((f) => f.name), ...op.checks.map((c) => c.name));
    } else if (op.kind === 'createIndex') names.push(op.index.name);
    else if (op.kind === 'createUnique' || op.kind === 'createPrimaryKey') names.push(op.key.name);
    else if (op.kind === 'createCheck') names.push(op.check.name);
    else if (op.kind === 'createForeignKey') names.push(op.foreignKey.name);
    else if (op.kind === 'dropConstraint' || op.kind === 'dropIndex') names.push(op.name);
  }
  return names;
}

const EXPECTED = [
  'pk_t',
  'uq_t_a',
  'ix_t_b',
  'ix_t_a_b',
  'pk_u',
  'fk_u_t_id_t',
  'ck_t_positive',
  'ck_t_exact',
  'uq_u_t_id',
  'ix_u_t_id',
  // drop_constraint(type_="check") attaches a CheckConstraint: %(constraint_name)s applies to the given name again.
  'ck_t_ck_t_positive',
  'ck_t_exact',
  'ix_u_t_id',
];

describe('naming conventions in the replay', () => {
  before(async () => initPythonParser());

  test('unnamed objects and %(constraint_name)s names, as the convention gives them', () => {
    const parsed = parseRevisionFile('/p/migrations/versions/a1.py', revision(BODY), 'postgresql', CONVENTION);
    assert.deepEqual(parsed.upgrade.notes, []);
    assert.deepEqual([...new Set(namesOf(parsed.upgrade.ops))].sort(), [...new Set(EXPECTED)].sort());
  });

  test('oracle: real Alembic (offline SQL, target_metadata with the convention) names the same objects the same way', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const script = `
import io, sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
md = sa.MetaData(naming_convention=${JSON.stringify(CONVENTION)})
buf = io.StringIO()
ctx = MigrationContext.configure(dialect_name='postgresql', opts={'as_sql': True, 'output_buffer': buf, 'target_metadata': md})
op = Operations(ctx)
def upgrade():${BODY}
upgrade()
print(buf.getvalue())
`;
    const run = spawnSync(SYSTEM_PYTHON, ['-c', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const sql = run.stdout;
    for (const name of EXPECTED) assert.ok(sql.includes(name), `${name} not in Alembic's SQL:\n${sql}`);
    // And nothing our replay would not name: every CONSTRAINT / INDEX name Alembic wrote is ours.
    const written = [...sql.matchAll(/(?:CONSTRAINT|INDEX) (\w+)/g)].map((m) => m[1] as string);
    assert.deepEqual([...new Set(written)].sort(), [...new Set(EXPECTED)].sort());
  });

  test('a callable token that cannot be followed: the name is marked unknown and the note says the table is uncertain', () => {
    const convention: NamingConvention = { ix: 'ix_%(table_name)s_%(cols)s', cols: { kind: 'callable', name: 'cols', params: ['c', 't'], body: null } };
    const parsed = parseRevisionFile('/p/migrations/versions/a1.py', revision("\n    op.create_index(None, 't', ['a'])"), 'postgresql', convention);
    const index = parsed.upgrade.ops.find((op) => op.kind === 'createIndex');
    assert.ok(index && index.kind === 'createIndex' && index.index.name.includes('?'), JSON.stringify(index));
    assert.deepEqual(
      parsed.upgrade.notes.map((n) => [n.severity, n.kind, n.location?.range.start.line]),
      [['info', 'naming-convention', 13]],
    );
    assert.deepEqual(
      parsed.upgrade.unfollowed?.map((u) => [u.names, u.afterOps]),
      [[['t'], 1]],
    );
  });
});
