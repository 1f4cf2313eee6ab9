// The password in a database URL never appears in any output of any database verb — success,
// failure, text or JSON — on a real server that checks it (a throwaway login role with a known password).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { checkCommand } from '../../src/cli/commands/check';
import { currentCommand } from '../../src/cli/commands/current';
import { downgradeCommand } from '../../src/cli/commands/downgrade';
import { driftCommand } from '../../src/cli/commands/drift';
import { schemaCommand } from '../../src/cli/commands/schema';
import { stampCommand } from '../../src/cli/commands/stamp';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { missingOracle, postgresProblem, pythonOracleProblem, SYSTEM_PYTHON, TEST_PG_URL } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { runVerb } from './cliRun';
import { createFlaskProject, type FlaskProject } from './support/flaskProject';
import { LIBRARY } from './support/library';

const PASSWORD = `Pw-${randomBytes(6).toString('hex')}-secret`;
const ROLE = `mg_pw_${randomBytes(4).toString('hex')}`;

describe('the password never appears in any output', () => {
  let db: TestDatabase | null = null;
  let project: FlaskProject | null = null;
  let url = '';
  before(async () => {
    if ((await postgresProblem()) !== null || pythonOracleProblem() !== null) return;
    db = await createTestDatabase('mg_pw');
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
      await admin.query(`ALTER DATABASE "${db.name}" OWNER TO ${ROLE}`);
    } finally {
      await admin.end();
    }
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query(`ALTER SCHEMA public OWNER TO ${ROLE}`).finally(() => owner.end());
    const parsed = new URL(db.url);
    parsed.username = ROLE;
    parsed.password = PASSWORD;
    url = parsed.toString();
    project = createFlaskProject([...LIBRARY]);
  });
  after(async () => {
    project?.remove();
    await db?.drop();
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect().catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  });

  test('every database verb, with a right and a wrong password, in text and JSON, via flag and environment', async (t) => {
    if (missingOracle(t, await postgresProblem()) || missingOracle(t, pythonOracleProblem())) return;
    assert.ok(project && db);
    const dir = project.dir;
    const wrong = url.replace(PASSWORD, `${PASSWORD}x`);
    const sqlalchemyStyle = url.replace('postgresql://', 'postgresql+psycopg2://');
    const runs: [string, Promise<{ code: number; out: string; err: string }>][] = [];
    const verbs = [
      [upgradeCommand, [dir, '--dry-run']],
      [upgradeCommand, [dir, '2f0a']],
      [currentCommand, [dir]],
      [driftCommand, [dir]],
      [upgradeCommand, [dir, 'head', '--python', SYSTEM_PYTHON]],
      [downgradeCommand, [dir, '-1']],
      [stampCommand, [dir, 'head']],
      [schemaCommand, [dir, '--from', 'database']],
      [checkCommand, [dir]],
      [upgradeCommand, [dir, '--sql']],
    ] as const;
    for (const databaseUrl of [url, sqlalchemyStyle, wrong]) {
      for (const format of [[], ['--format', 'json']]) {
        for (const [command, args] of verbs) {
          // One after another: they share the database.
          const result = await runVerb(command, [...args, '--database-url', databaseUrl, ...format]);
          runs.push([
            `${command.name} ${args.slice(1).join(' ')} ${format.join(' ')} (${databaseUrl === wrong ? 'wrong password' : 'right password'})`,
            Promise.resolve(result),
          ]);
        }
      }
    }
    // Through the environment too, as the VS Code client passes it.
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      runs.push(['current via DATABASE_URL', Promise.resolve(await runVerb(currentCommand, [dir]))]);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    let failures = 0;
    for (const [label, promise] of runs) {
      const { code, out, err } = await promise;
      assert.ok(!`${out}${err}`.includes(PASSWORD), `${label} printed the password:\n${out}\n${err}`);
      if (code === 2) failures++;
    }
    // The wrong-password runs really failed on the password (and said so), so the check above covered error paths.
    const wrongRun = await runVerb(currentCommand, [dir, '--database-url', wrong]);
    assert.match(wrongRun.err, new RegExp(`password authentication failed for user "${ROLE}"`));
    assert.ok(failures >= verbs.length, 'the wrong-password runs failed');
  });
});
