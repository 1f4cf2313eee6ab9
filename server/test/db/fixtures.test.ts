// Every real Flask-Migrate workspace under test-fixtures/: our upgrade to head and downgrade to base
// build exactly what real `flask db upgrade` / `flask db downgrade base` build, on PostgreSQL and PGlite.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { downgradeCommand } from '../../src/cli/commands/downgrade';
import { currentCommand } from '../../src/cli/commands/current';
import { introspectSchema } from '../../src/db/introspect';
import { readVersionTable } from '../../src/core/history/versionTable';
import { discoverProjects } from '../../src/core/project/discover';
import { loadProjectHistory } from '../../src/cli/project';
import { schemaToJson } from '../../src/core/schema/json';
import { spawnSync } from 'node:child_process';
import { SYSTEM_PYTHON } from '../support/oracles';
import { missingOracle, pythonOracleProblem } from '../support/oracles';
import { FIXTURES_DIR, historyFixturesFromEmpty } from '../support/fixtures';
import { runVerb } from './cliRun';
import { runFlaskDb } from './support/flaskProject';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';
import { schemasOfOps } from '../../src/core/schema/tableKey';

const FIXTURES = FIXTURES_DIR;
const fixtures = historyFixturesFromEmpty();
/** Why a fixture's Flask app can't load under Debian's Python (e.g. it needs SQLAlchemy 2.0), or null. */
function appProblem(dir: string): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import app'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  return probe.status === 0 ? null : (probe.stderr.trim().split('\n').pop() ?? 'import app failed');
}

const sqlalchemy = (url: string) => url.replace(/^postgresql:/, 'postgresql+psycopg2:');

for (const kind of TARGET_KINDS) {
  describe(`fixture histories on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('there are fixtures to check', () => assert.ok(fixtures.length > 0, `no Flask-Migrate fixtures under ${FIXTURES}`));

    for (const fixture of fixtures) {
      test(`${fixture}: upgrade head and downgrade base match real flask db, and current agrees both ways`, async (t) => {
        if (missingOracle(t, pythonOracleProblem())) return;
        const db = await requireTarget(t, target);
        if (!db) return;
        const dir = join(FIXTURES, fixture);
        // The fixture's own version table (version-table: Migrate(..., version_table=...)) is bookkeeping, not schema.
        const [location] = discoverProjects(dir);
        const versionTable = location ? readVersionTable(location.root, location).table.name : undefined;
        // Other PostgreSQL schemas the history makes tables in (multi-schema) are read too.
        const loaded = await loadProjectHistory(dir);
        const alsoSchemas = loaded.ok ? schemasOfOps(loaded.history.history.revisions.flatMap((r) => [...r.upgrade.ops, ...r.downgrade.ops])) : [];
        const schema = () => withClient(db, (client) => introspectSchema(client, { ...(versionTable ? { versionTable } : {}), alsoSchemas }));
        const flask = async (args: string[]) => {
          const result = await runFlaskDb(dir, args, sqlalchemy(db.url));
          assert.equal(result.status, 0, `flask db ${args.join(' ')} failed in ${fixture}:\n${result.stderr}`);
          return result.stdout.trim();
        };
        const ours = async (verb: 'upgrade' | 'downgrade', rev: string) => {
          const result = await runVerb(verb === 'upgrade' ? upgradeCommand : downgradeCommand, [dir, rev, '--database-url', db.url, '--executor', 'native']);
          assert.equal(result.code, 0, `our ${verb} ${rev} failed in ${fixture}:\n${result.out}\n${result.err}`);
        };

        await db.reset();
        await ours('upgrade', 'head');
        const ourHead = await schema();
        // What the live database holds is what the replay (read for that database) says head is (drift detection relies on it).
        const history = await loadProjectHistory(dir, db.url);
        assert.ok(history.ok);
        assert.deepEqual(schemaToJson(ourHead), schemaToJson(history.history.schemaAt(history.history.heads)));
        const problem = appProblem(dir);
        if (problem !== null) {
          t.diagnostic(`compared with the replay only: the fixture's Flask app does not load under ${SYSTEM_PYTHON} (${problem})`);
          await ours('downgrade', 'base');
          assert.deepEqual(Object.keys((await schema()).tables), []);
          return;
        }
        const flaskCurrent = await flask(['current']);
        assert.match(flaskCurrent, /^[0-9a-f]+ \(head\)$/, 'real flask db current reads what we recorded');
        await ours('downgrade', 'base');
        const ourBase = await schema();

        await db.reset();
        await flask(['upgrade']);
        assert.deepEqual(ourHead, await schema(), 'schema at head');
        assert.equal((await runVerb(currentCommand, [dir, '--database-url', db.url])).out.trim(), flaskCurrent, 'our current reads what flask recorded');
        await flask(['downgrade', 'base']);
        assert.deepEqual(ourBase, await schema(), 'schema after downgrade to base');
      });
    }
  });
}
