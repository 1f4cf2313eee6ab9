// Real tools the tests compare against: PostgreSQL, and Debian's Python with Alembic/SQLAlchemy.
// A test that needs a missing oracle skips with the reason; under CI=true it fails instead.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export const SYSTEM_PYTHON = process.env.MG_TEST_PYTHON ?? '/usr/bin/python3';
/** The server `.ci/run` starts. Override with MG_TEST_PG_URL. */
export const TEST_PG_URL = process.env.MG_TEST_PG_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
export const IN_CI = process.env.CI === 'true';

let pythonProblem: string | null | undefined;
/** Null when Debian's Python has alembic, flask_migrate, flask_sqlalchemy and psycopg2; otherwise why not. */
export function pythonOracleProblem(): string | null {
  if (pythonProblem !== undefined) return pythonProblem;
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import alembic, flask_migrate, flask_sqlalchemy, psycopg2, sqlalchemy'], { encoding: 'utf8' });
  pythonProblem =
    probe.status === 0
      ? null
      : `${SYSTEM_PYTHON} lacks the oracle packages (apt-get install python3-alembic python3-flask-migrate python3-flask-sqlalchemy python3-psycopg2): ${(probe.stderr || String(probe.error ?? '')).trim().split('\n').pop()}`;
  return pythonProblem;
}

let pgProblem: string | null | undefined;
/** Null when the test PostgreSQL server answers; otherwise why not. */
export async function postgresProblem(): Promise<string | null> {
  if (pgProblem !== undefined) return pgProblem;
  const { Client } = await import('pg');
  const client = new Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgProblem = null;
  } catch (error) {
    pgProblem = `PostgreSQL is not reachable at MG_TEST_PG_URL (${redact(TEST_PG_URL)}): ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  return pgProblem;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** Skips the test with a visible reason, or fails it when running in CI. Returns true when the test must stop. */
export function missingOracle(t: TestContext, problem: string | null): boolean {
  if (problem === null) return false;
  if (IN_CI) throw new Error(`oracle missing in CI: ${problem}`);
  t.skip(problem);
  return true;
}

/** Both oracles, for tests that run Alembic against PostgreSQL. */
export async function needsPythonAndPostgres(t: TestContext): Promise<boolean> {
  return missingOracle(t, pythonOracleProblem()) || missingOracle(t, await postgresProblem());
}
