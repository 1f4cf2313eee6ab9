// Bad connection input gives a clear message, and the password never shows up anywhere.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectDatabase, DatabaseConnectError } from '../../src/db/connect';
import { currentCommand } from '../../src/cli/commands/current';
import { CLI_TEXT } from '../../src/cli/text';
import { missingOracle, postgresProblem, TEST_PG_URL } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { runVerb } from './cliRun';

const SECRET = 'Sup3r-Secret_pw';

function withPassword(url: string, password: string, change: (u: URL) => void = () => undefined): string {
  const parsed = new URL(url);
  parsed.password = password;
  change(parsed);
  return parsed.toString();
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('bad connection input', () => {
  let silent: Server;
  let silentPort = 0;
  let closedPort = 0;
  let db: TestDatabase | null = null;
  let project = '';
  const sockets = new Set<import('node:net').Socket>();
  before(async () => {
    // Accepts connections and never answers: what an unreachable server behind a black-holing firewall looks like.
    silent = createServer((socket) => sockets.add(socket));
    silentPort = await listen(silent);
    const probe = createServer();
    closedPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    if ((await postgresProblem()) === null) db = await createTestDatabase('mg_bad');
    project = mkdtempSync(join(tmpdir(), 'mg-bad-'));
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await db?.drop();
    rmSync(project, { recursive: true, force: true });
  });

  const cases: { name: string; problem: string; needsPg: boolean; url: () => string; expect: RegExp }[] = [
    {
      name: 'wrong host',
      problem: 'host',
      needsPg: false,
      url: () => `postgresql://app:${SECRET}@no-such-host.invalid:5432/shop`,
      expect: /cannot connect to app@no-such-host\.invalid:5432\/shop: the host name does not resolve/,
    },
    {
      name: 'wrong port',
      problem: 'port',
      needsPg: false,
      url: () => `postgresql://app:${SECRET}@127.0.0.1:${closedPort}/shop`,
      expect: new RegExp(`nothing accepts connections on that host and port`),
    },
    {
      name: 'unreachable server',
      problem: 'timeout',
      needsPg: false,
      url: () => `postgresql://app:${SECRET}@127.0.0.1:${silentPort}/shop`,
      expect: /timed out after 0\.5 s connecting to app@127\.0\.0\.1:\d+\/shop: the server does not answer/,
    },
    {
      name: 'wrong password',
      problem: 'password',
      needsPg: true,
      url: () => withPassword(TEST_PG_URL, SECRET),
      expect: /password authentication failed for user "postgres" on postgres@127\.0\.0\.1:5432\/postgres/,
    },
    {
      name: 'wrong database',
      problem: 'database',
      needsPg: true,
      url: () => withPassword(TEST_PG_URL, new URL(TEST_PG_URL).password, (u) => (u.pathname = '/no_such_db_mg')),
      expect: /database "no_such_db_mg" does not exist/,
    },
  ];

  for (const c of cases) {
    test(`${c.name}: a clear message, and the password is not in it`, async (t) => {
      if (c.needsPg && missingOracle(t, await postgresProblem())) return;
      // The wrong-password case must really fail on the password, so it keeps the right user.
      const url = c.url();
      const password = decodeURIComponent(new URL(url).password);
      const leaked = (text: string) => text.includes(SECRET) || text.includes(`:${password}@`);
      // Only the silent server is meant to time out; a server that answers gets time to answer under load.
      const timeoutSeconds = c.problem === 'timeout' ? 0.5 : 15;
      await assert.rejects(connectDatabase(url, { connectTimeoutMs: timeoutSeconds * 1000 }), (error: unknown) => {
        assert.ok(error instanceof DatabaseConnectError);
        if (c.problem === 'host') assert.ok(['host', 'timeout'].includes(error.problem), error.message);
        else assert.equal(error.problem, c.problem, error.message);
        if (c.problem !== 'host' || error.problem === 'host') assert.match(error.message, c.expect);
        assert.ok(!leaked(error.message), error.message);
        return true;
      });
      const cli = await runVerb(currentCommand, [
        project,
        '--database-url',
        url.replace('postgresql://', 'postgresql+psycopg2://'),
        '--connect-timeout',
        String(timeoutSeconds),
      ]);
      assert.match(cli.err, c.problem === 'host' ? /cannot (connect to|reach)/ : c.expect);
      assert.equal(cli.code, 2);
      assert.match(cli.err, /^migration-guard current: /);
      assert.ok(!leaked(`${cli.out}${cli.err}`), `password leaked: ${cli.err}`);
    });
  }

  test('a database without alembic_version: current says so clearly, with no password in any output', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const url = withPassword(db!.url, 'postgres');
    const text = await runVerb(currentCommand, [project, '--database-url', url]);
    assert.equal(text.code, 0);
    assert.equal(text.out, '');
    assert.ok(text.err.includes(CLI_TEXT.noVersionTable), text.err);
    assert.match(text.err, new RegExp(`Database: postgres@127\\.0\\.0\\.1:5432/${db!.name} \\(from --database-url\\)`));
    const json = await runVerb(currentCommand, [project, '--database-url', url, '--format', 'json']);
    assert.deepEqual(JSON.parse(json.out), {
      database: `postgres@127.0.0.1:5432/${db!.name} (from --database-url)`,
      versionTable: false,
      heads: [],
      findings: [],
    });
    for (const output of [text, json]) assert.ok(!`${output.out}${output.err}`.includes(':postgres@'), 'the password of the URL is never printed');
  });

  test('a MySQL URL is refused by name, naming the Alembic fallback', async () => {
    const cli = await runVerb(currentCommand, [project, '--database-url', `mysql://root:${SECRET}@h/db`]);
    assert.equal(cli.code, 2);
    assert.match(
      cli.err,
      /--database-url configures a MySQL\/MariaDB database \(mysql\), which Migration Guard does not support yet\. Run the project's own Alembic instead/,
    );
    assert.ok(!cli.err.includes(SECRET));
  });
});
