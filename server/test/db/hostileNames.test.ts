// Every name escaped for where it goes. Models whose tables, columns, indexes, constraints, enums,
// labels, defaults and comments are named with ', ", \, newline, CR, tab, spaces, unicode, reserved
// words, --, /*, ;, "x"; DROP TABLE sentinel; --", %s and {x} / ${y} go through our `revision` (the
// project's script.py.mako), then real `flask db upgrade` / `downgrade`, our `upgrade` / `downgrade`,
// our `sql` script, `--dry-run`, and backups and `restore`, on PostgreSQL and PGlite. Each must give
// exactly the catalog SQLAlchemy's create_all gives, and the sentinel table every name tries to drop
// keeps its rows. Before: the sequence default of a table named it's was written as
// nextval('"it's_id_seq"'::regclass) (a syntax error, and with a crafted name any SQL); the sql
// script left an enum type named with a space unquoted; a message with """ ran code at import.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test, type TestContext } from 'node:test';
import { downgradeCommand } from '../../src/cli/commands/downgrade';
import { restoreCommand } from '../../src/cli/commands/restore';
import { revisionCommand } from '../../src/cli/commands/revision';
import { sqlCommand } from '../../src/cli/commands/sql';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { readAlembicVersion } from '../../src/db/alembicVersion';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';
import { runVerb } from './cliRun';
import {
  ALEMBIC_SHAPE_CHECK,
  createHostileProject,
  DOOMED,
  DROPPED_COLUMN,
  EVIL,
  HOSTILE_MESSAGE,
  publicCatalog,
  SENTINEL_SQL,
  sentinelRows,
  type HostileProject,
} from './support/hostileProject';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const sqlalchemy = (url: string) => url.replace(/^postgresql:/, 'postgresql+psycopg2:');
const SENTINEL = '1:one,2:two';

let project: HostileProject | null = null;
/** The two revisions our `revision` wrote: [first, second]. */
let revisions: string[] = [];

before(async () => {
  if (pythonOracleProblem() !== null) return;
  project = createHostileProject();
  const first = await runVerb(revisionCommand, [project.dir, '-m', 'init', '--autogenerate', '--no-input']);
  assert.equal(first.code, 0, first.err);
  project.useModels(2);
  const second = await runVerb(revisionCommand, [project.dir, '-m', HOSTILE_MESSAGE, '--autogenerate', '--no-input']);
  assert.equal(second.code, 0, second.err);
  const revisionOf = (out: string) => /([0-9a-f]{12})_/.exec(out)?.[1] as string;
  revisions = [revisionOf(first.out), revisionOf(second.out)];
});
after(() => project?.remove());

function ready(t: TestContext): HostileProject | undefined {
  if (missingOracle(t, pythonOracleProblem())) return undefined;
  return project ?? undefined;
}

test('the revision files compile, hold only Alembic ops, and their comments and docstring carry no code', (t) => {
  const p = ready(t);
  if (!p) return;
  const files = p.revisionFiles();
  assert.equal(files.length, 2);
  for (const file of files) {
    const run = spawnSync(SYSTEM_PYTHON, ['-c', ALEMBIC_SHAPE_CHECK, file], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${file}: ${run.stdout}${run.stderr}\n${readFileSync(file, 'utf8')}`);
    if (file.includes(revisions[1] as string)) assert.equal(run.stdout.split('\n\nRevision ID')[0], HOSTILE_MESSAGE, 'the docstring reads back as the message');
  }
  const second = readFileSync(files.find((f) => f.includes(revisions[1] as string)) as string, 'utf8');
  const header = second.split('"""')[0] as string;
  for (const line of header.split('\n').filter(Boolean)) assert.match(line, /^#/, `header line outside a comment: ${JSON.stringify(line)}`);
  assert.ok(header.includes('new\\nline'), 'the dropped column is named in the DESTROYS DATA header, escaped');
});

for (const kind of TARGET_KINDS) {
  describe(`hostile names on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    /** The catalogs each stage must give: what create_all makes (column order aside), and what real flask db leaves. */
    const expected: { sentinelOnly?: string[]; v1?: string[]; v2?: string[]; downToV1?: string[] } = {};

    async function fresh(t: TestContext): Promise<{ db: Target; p: HostileProject } | undefined> {
      const p = ready(t);
      if (!p) return undefined;
      const db = await requireTarget(t, target);
      if (!db) return undefined;
      await db.reset();
      await withClient(db, (c) => c.query(SENTINEL_SQL));
      return { db, p };
    }
    const catalog = (db: Target, columnOrder = true) => withClient(db, (c) => publicCatalog(c, { columnOrder }));
    const sentinel = (db: Target) => withClient(db, sentinelRows);
    const flask = async (p: HostileProject, db: Target, args: string[]) => {
      const result = await p.flaskDb(args, sqlalchemy(db.url));
      assert.equal(result.status, 0, `flask db ${args.join(' ')}:\n${result.stderr}`);
    };
    const ours = async (verb: typeof upgradeCommand, db: Target, p: HostileProject, args: string[]) => {
      const result = await runVerb(verb, [p.dir, ...args, '--database-url', db.url]);
      assert.equal(result.code, 0, `${verb.name} ${args.join(' ')}:\n${result.out}\n${result.err}`);
      return result;
    };
    const version = (db: Target) => withClient(db, async (c) => (await readAlembicVersion(c))?.join(',') ?? 'no alembic_version');

    test('real flask db upgrade and downgrade of our revisions give exactly what create_all gives; the sentinel keeps its rows', async (t) => {
      const ctx = await fresh(t);
      if (!ctx) return;
      const { db, p } = ctx;
      expected.sentinelOnly = await catalog(db);
      const createAll: string[][] = [];
      for (const v of [1, 2] as const) {
        p.useModels(v);
        const made = await p.createAll(sqlalchemy(db.url));
        assert.equal(made.status, 0, made.stderr);
        createAll.push(await catalog(db, false));
        await db.reset();
        await withClient(db, (c) => c.query(SENTINEL_SQL));
      }
      assert.ok(
        createAll[0]?.some((line) => line.includes(`nextval('"x""; DROP TABLE sentinel; --_id_seq"'::regclass)`)),
        'create_all made the crafted sequence',
      );
      await flask(p, db, ['upgrade', revisions[0] as string]);
      assert.deepEqual(await catalog(db, false), createAll[0]);
      expected.v1 = await catalog(db);
      await flask(p, db, ['upgrade']);
      assert.deepEqual(await catalog(db, false), createAll[1]);
      expected.v2 = await catalog(db);
      assert.equal(await sentinel(db), SENTINEL);
      await flask(p, db, ['downgrade', revisions[0] as string]);
      expected.downToV1 = await catalog(db);
      assert.deepEqual(await catalog(db, false), createAll[0], 'the downgrade gives back the first schema (new columns at the end)');
      await flask(p, db, ['downgrade', 'base']);
      assert.deepEqual(await catalog(db), expected.sentinelOnly, 'downgrade to base leaves only the sentinel');
      assert.equal(await sentinel(db), SENTINEL);
    });

    test('our upgrade, --dry-run and downgrade give the same catalog as flask db at every step', async (t) => {
      const ctx = await fresh(t);
      if (!ctx) return;
      assert.ok(expected.v2 && expected.downToV1, 'the flask db test above ran and set the expected catalogs');
      const { db, p } = ctx;
      await ours(upgradeCommand, db, p, [revisions[0] as string]);
      assert.deepEqual(await catalog(db), expected.v1);
      await ours(upgradeCommand, db, p, ['head', '--dry-run']);
      assert.deepEqual(await catalog(db), expected.v1, 'the dry run changed nothing');
      assert.equal(await version(db), revisions[0]);
      await ours(upgradeCommand, db, p, ['head']);
      assert.deepEqual(await catalog(db), expected.v2);
      await ours(downgradeCommand, db, p, [revisions[0] as string]);
      assert.deepEqual(await catalog(db), expected.downToV1);
      await ours(downgradeCommand, db, p, ['base']);
      assert.deepEqual(await catalog(db), expected.sentinelOnly);
      assert.equal(await sentinel(db), SENTINEL);
    });

    test('our sql scripts, run as they are, build and take down the same schema', async (t) => {
      const ctx = await fresh(t);
      if (!ctx) return;
      assert.ok(expected.v2 && expected.downToV1, 'the flask db test above ran and set the expected catalogs');
      const { db, p } = ctx;
      const script = async (range: string) => {
        const result = await runVerb(sqlCommand, [p.dir, range]);
        assert.equal(result.code, 0, result.err);
        await withClient(db, (c) => c.query(result.out));
      };
      await script('base:head');
      assert.deepEqual(await catalog(db), expected.v2);
      await script(`head:${revisions[0]}`);
      assert.deepEqual(await catalog(db), expected.downToV1);
      await script(`${revisions[0]}:base`);
      assert.deepEqual(await catalog(db), expected.sentinelOnly);
      assert.equal(await sentinel(db), SENTINEL);
    });

    test('the dropped hostile column and table are backed up, and restore puts every value back', async (t) => {
      const ctx = await fresh(t);
      if (!ctx) return;
      assert.ok(expected.v2 && expected.downToV1, 'the flask db test above ran and set the expected catalogs');
      const { db, p } = ctx;
      await ours(upgradeCommand, db, p, [revisions[0] as string]);
      const evil = `"${EVIL.replace(/"/g, '""')}"`;
      const doomed = `"${DOOMED}"`;
      const dropped = `"${DROPPED_COLUMN}"`;
      await withClient(db, (c) =>
        c.query(
          `insert into ${evil} ("it's", ${dropped}, "select") select 'v' || i, i * 7, i from generate_series(1, 25) i;
           insert into ${doomed} ("it's") select E'n\\'' || i from generate_series(1, 9) i`,
        ),
      );
      const fingerprint = () =>
        withClient(db, async (c) => {
          const column = await c.query(`select string_agg(id || '=' || coalesce(${dropped}::text, 'NULL'), ',' order by id) as v from ${evil}`);
          const table = await c.query(`select string_agg(id || '=' || "it's", ',' order by id) as v from ${doomed}`);
          return { column: column.rows[0]?.v as string, table: table.rows[0]?.v as string };
        });
      const before = await fingerprint();
      await ours(upgradeCommand, db, p, ['head']);
      await ours(downgradeCommand, db, p, [revisions[0] as string]);
      // Our downgrade fills the re-created column and table from these backups itself (db/downgradeRestore.ts).
      assert.deepEqual(await fingerprint(), before, 'the downgrade brings every value of the column and table back');
      await withClient(db, (c) => c.query(`update ${evil} set ${dropped} = null; delete from ${doomed}`));
      const backups = await withClient(db, async (c) =>
        (await c.query<{ backup_table: string }>(`select backup_table from migration_guard_backup.backups where direction = 'up' order by id`)).rows.map(
          (r) => r.backup_table,
        ),
      );
      assert.equal(backups.length, 2, 'one backup for the column, one for the table');
      // And each backup still puts its data back by hand.
      for (const backup of backups) {
        const restored = await runVerb(restoreCommand, [p.dir, backup, '--database-url', db.url]);
        assert.equal(restored.code, 0, restored.err);
      }
      assert.deepEqual(await fingerprint(), before);
      assert.equal(await sentinel(db), SENTINEL);
    });
  });
}
