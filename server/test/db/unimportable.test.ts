// A revision Python cannot import is never applied. Before, `upgrade` ran whatever statements the
// parser recovered (often none), printed "Applied" and moved alembic_version, while real Alembic
// stopped with a SyntaxError; `check` then said "in sync". Now every verb refuses before touching
// the database, naming the file and the line Python names.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkCommand } from '../../src/cli/commands/check';
import { downgradeCommand } from '../../src/cli/commands/downgrade';
import { sqlCommand } from '../../src/cli/commands/sql';
import { stampCommand } from '../../src/cli/commands/stamp';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { readAlembicVersion } from '../../src/db/alembicVersion';
import { missingOracle, pythonOracleProblem } from '../support/oracles';
import { runVerb } from './cliRun';
import { fullDump } from './dump';
import { createFlaskProject, type FlaskProject, type RevisionSource } from './support/flaskProject';
import { LIBRARY, LIBRARY_HEAD } from './support/library';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const DROP_AUTHOR_EMAIL: RevisionSource = {
  revision: '5f0a2b3c4d10',
  down: LIBRARY_HEAD,
  message: 'drop author email',
  upgrade: `op.drop_column('author', 'email')
op.drop_table('book')`,
  downgrade: `op.add_column('author', sa.Column('email', sa.String(length=120), nullable=True))`,
};

interface Breakage {
  name: string;
  /** Turns the good revision text into a broken one. */
  breakText(text: string): string;
  /** What Python says (the last line of its traceback). */
  python: RegExp;
  /** Python 3.11 names no file or line for a NUL byte (a ValueError); we name the line holding it. */
  line?: (broken: string) => number;
}

const BREAKAGES: Breakage[] = [
  { name: 'a missing )', breakText: (t) => t.replace("op.drop_column('author', 'email')", "op.drop_column('author', 'email'"), python: /SyntaxError/ },
  {
    name: 'a wrong indent',
    breakText: (t) => t.replace("    op.drop_table('book')", "      op.drop_table('book')"),
    python: /IndentationError: unexpected indent/,
  },
  {
    name: 'a NUL byte',
    breakText: (t) => t.replace("op.drop_table('book')", "op.drop_table('book')\0"),
    python: /null bytes/,
    line: (broken) => lineOf(broken, '\0'),
  },
];

/** The 1-based line holding needle. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

let project: FlaskProject | null = null;
let good = '';
let file = '';
before(() => {
  if (pythonOracleProblem() !== null) return;
  project = createFlaskProject([...LIBRARY, DROP_AUTHOR_EMAIL]);
  file = join(project.dir, 'migrations', 'versions', '5f0a2b3c4d10_drop_author_email.py');
  good = readFileSync(file, 'utf8');
});
after(() => project?.remove());

for (const kind of TARGET_KINDS) {
  describe(`unimportable revisions on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    for (const breakage of BREAKAGES) {
      test(`${breakage.name}: upgrade, downgrade, stamp, sql and check refuse, and the database is untouched`, async (t) => {
        if (missingOracle(t, pythonOracleProblem()) || !project) return;
        const db = await requireTarget(t, target);
        if (!db) return;
        await db.reset();
        writeFileSync(file, good);
        const toHead = await runVerb(upgradeCommand, [project.dir, LIBRARY_HEAD, '--database-url', db.url]);
        assert.equal(toHead.code, 0, toHead.out + toHead.err);
        await withClient(db, (c) => c.query(`insert into author (name, email) select 'a' || i, 'a' || i || '@x' from generate_series(1, 200) i`));
        const broken = breakage.breakText(good);
        assert.notEqual(broken, good);
        writeFileSync(file, broken);
        const before = await withClient(db, (c) => fullDump(c));

        // What Alembic itself says: it refuses, naming the file.
        const real = await project.flaskDb(['upgrade'], db.url.replace(/^postgresql:/, 'postgresql+psycopg2:'));
        assert.notEqual(real.status, 0, 'real flask db upgrade refuses');
        assert.match(real.stderr, breakage.python);
        const pythonLine = breakage.line ? breakage.line(broken) : Number(/5f0a2b3c4d10_drop_author_email\.py", line (\d+)/.exec(real.stderr)?.[1]);
        assert.ok(pythonLine > 0, real.stderr);
        assert.equal(await withClient(db, (c) => fullDump(c)), before);

        const where = new RegExp(`5f0a2b3c4d10_drop_author_email\\.py:${pythonLine}: .*Python cannot import this revision file`);
        for (const verb of [
          () => runVerb(upgradeCommand, [project!.dir, '--database-url', db.url]),
          () => runVerb(upgradeCommand, [project!.dir, '--database-url', db.url, '--dry-run']),
          () => runVerb(downgradeCommand, [project!.dir, '-1', '--database-url', db.url]),
          () => runVerb(stampCommand, [project!.dir, 'head', '--database-url', db.url]),
          () => runVerb(sqlCommand, [project!.dir, `${LIBRARY_HEAD}:head`]),
          () => runVerb(upgradeCommand, [project!.dir, `${LIBRARY_HEAD}:head`, '--sql']),
        ]) {
          const result = await verb();
          assert.equal(result.code, 2, result.out + result.err);
          assert.match(result.err, where);
          assert.doesNotMatch(result.out, /Applied|Stamped|DROP/);
        }
        assert.equal(await withClient(db, (c) => fullDump(c)), before, 'nothing was touched');
        assert.equal((await withClient(db, (c) => readAlembicVersion(c)))?.join(), LIBRARY_HEAD);

        const check = await runVerb(checkCommand, [project.dir]);
        assert.equal(check.code, 2, 'check is an error, never "in sync"');
        assert.match(check.err, where);
        assert.doesNotMatch(check.out, /in sync/);
      });
    }
  });
}
