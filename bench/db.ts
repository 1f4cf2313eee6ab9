// Our upgrade of a generated 200-table Flask-Migrate history against real `flask db upgrade` on the
// same PostgreSQL server, side by side, with the ratio; the two resulting schemas must be identical.
// Also times the same upgrade on the embedded PGlite. Usage: npm run bench -- db
import { performance } from 'node:perf_hooks';
import { upgradeCommand } from '../server/src/cli/commands/upgrade';
import { introspectSchema } from '../server/src/db/introspect';
import { connectDatabase } from '../server/src/db/connect';
import { startEmbeddedDatabase } from '../server/src/db/embedded';
import { postgresProblem, pythonOracleProblem } from '../server/test/support/oracles';
import { createTestDatabase } from '../server/test/support/pgdb';
import { runVerb } from '../server/test/db/cliRun';
import { createFlaskProject, type RevisionSource } from '../server/test/db/support/flaskProject';

const TABLES = 200;

/** One revision per table: columns of common types, a foreign key to the previous table, an index, a unique and a check. */
function generatedHistory(count: number): RevisionSource[] {
  const revisions: RevisionSource[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `item_${String(i).padStart(3, '0')}`;
    const previous = i > 1 ? `item_${String(i - 1).padStart(3, '0')}` : null;
    revisions.push({
      revision: `b${String(i).padStart(11, '0')}`,
      down: i > 1 ? `b${String(i - 1).padStart(11, '0')}` : null,
      message: `create ${name}`,
      upgrade: `
op.create_table('${name}',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.Numeric(precision=10, scale=2), server_default='0', nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('now()'), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    ${previous ? `sa.ForeignKeyConstraint(['parent_id'], ['${previous}.id'], ondelete='SET NULL'),` : ''}
    sa.CheckConstraint('amount >= 0', name='ck_${name}_amount'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
)
op.create_index(op.f('ix_${name}_created_at'), '${name}', ['created_at'], unique=False)`,
      downgrade: `
op.drop_index(op.f('ix_${name}_created_at'), table_name='${name}')
op.drop_table('${name}')`,
    });
  }
  return revisions;
}

async function main(): Promise<void> {
  const problem = (await postgresProblem()) ?? pythonOracleProblem();
  const project = createFlaskProject(generatedHistory(TABLES));
  try {
    console.log(`history: ${TABLES} revisions, one table each (FK, unique, check, index)`);
    const embedded = await startEmbeddedDatabase();
    try {
      const e0 = performance.now();
      const onPglite = await runVerb(upgradeCommand, [project.dir, '--database-url', embedded.url, '--executor', 'native']);
      if (onPglite.code !== 0) throw new Error(`our upgrade on PGlite failed: ${onPglite.out}${onPglite.err}`);
      console.log(`ours on embedded PGlite:          ${(performance.now() - e0).toFixed(0)} ms`);
    } finally {
      await embedded.close();
    }
    if (problem !== null) {
      console.log(`flask db upgrade comparison skipped: ${problem}`);
      return;
    }
    const ours = await createTestDatabase('mg_bench_db');
    const theirs = await createTestDatabase('mg_bench_db');
    try {
      const o0 = performance.now();
      const result = await runVerb(upgradeCommand, [project.dir, '--database-url', ours.url, '--executor', 'native']);
      const oursMs = performance.now() - o0;
      if (result.code !== 0) throw new Error(`our upgrade failed: ${result.out}${result.err}`);
      const f0 = performance.now();
      const flask = await project.flaskDb(['upgrade'], theirs.sqlalchemyUrl);
      const flaskMs = performance.now() - f0;
      if (flask.status !== 0) throw new Error(`flask db upgrade failed: ${flask.stderr}`);
      const schemaOf = async (url: string) => {
        const client = await connectDatabase(url);
        try {
          return JSON.stringify(await introspectSchema(client));
        } finally {
          await client.end();
        }
      };
      const same = (await schemaOf(ours.url)) === (await schemaOf(theirs.url));
      console.log(`ours on PostgreSQL (in-process, parse + plan + one transaction): ${oursMs.toFixed(0)} ms`);
      console.log(`flask db upgrade on PostgreSQL (python start-up included):      ${flaskMs.toFixed(0)} ms`);
      console.log(`ratio ours / flask: ${(oursMs / flaskMs).toFixed(2)}  — schemas ${same ? 'identical' : 'DIFFER'}`);
      if (!same) process.exitCode = 1;
    } finally {
      await ours.drop();
      await theirs.drop();
    }
  } finally {
    project.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
