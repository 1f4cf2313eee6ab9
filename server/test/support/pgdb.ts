// Throwaway PostgreSQL databases for tests: each test file makes its own and drops it afterwards.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_PG_URL } from './oracles';

export interface TestDatabase {
  name: string;
  url: string;
  /** SQLAlchemy URL for the Python oracle. */
  sqlalchemyUrl: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createTestDatabase(prefix = 'mg_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_PG_URL, name);
  return {
    name,
    url,
    sqlalchemyUrl: url.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
    async drop() {
      const client = new Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
