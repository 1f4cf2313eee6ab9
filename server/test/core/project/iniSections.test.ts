// alembic.ini with several [name] sections (issue 11, class 2): `alembic --name analytics ...` runs a second
// history from the same file. Each section that sets script_location is its own project: its own history,
// its own models (the other section's package is not read as ours), its own `check`, chosen with `--name`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveDatabaseTarget } from '../../../src/core/project/database';
import { discoverProjects } from '../../../src/core/project/discover';
import { openProject, projectsIn } from '../../../src/core/project/service';
import { initPythonParser } from '../../../src/core/python/parser';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/ini-sections');
const CLI = path.join(ROOT, 'dist/cli.js');

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('alembic.ini with several [name] sections', () => {
  let scratch = '';
  before(async () => initPythonParser());
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it('discovers one project per section that sets script_location, [alembic] first', () => {
    const projects = discoverProjects(FIXTURE);
    assert.deepEqual(
      projects.map((p) => [p.iniSection ?? 'alembic', path.relative(FIXTURE, p.scriptLocation)]),
      [
        ['alembic', path.join('blog', 'migrations')],
        ['analytics', path.join('analytics', 'migrations')],
      ],
    );
    // [post_write_hooks], [loggers] … set no script_location: not projects.
    assert.ok(projects.every((p) => p.root === FIXTURE));
  });

  it("each section's analysis has its own head and only its own package's models", () => {
    const results = projectsIn(FIXTURE).map((service) => service.analysis().result());
    assert.deepEqual(
      results.map((r) => r.heads),
      [['b10a0000c001'], ['a7a10000e001']],
    );
    assert.deepEqual(
      results.map((r) => Object.keys(r.modelSchema.schema.tables).sort()),
      [['article', 'author'], ['page_view']],
    );
    for (const result of results) {
      assert.deepEqual(result.changes, []);
      assert.deepEqual(result.findings, []);
    }
  });

  it('openProject takes [alembic] by default and the named section when asked; an unknown name is a clear error', () => {
    const byDefault = openProject(FIXTURE);
    assert.ok(byDefault.ok);
    assert.equal(byDefault.project.location.iniSection, undefined);
    const analytics = openProject(FIXTURE, { iniSection: 'analytics' });
    assert.ok(analytics.ok);
    assert.equal(analytics.project.location.scriptLocation, path.join(FIXTURE, 'analytics', 'migrations'));
    const missing = openProject(FIXTURE, { iniSection: 'nope' });
    assert.ok(!missing.ok);
    assert.match(missing.message, /\[nope\].*alembic, analytics/);
  });

  it("the database URL is the chosen section's sqlalchemy.url, as alembic --name connects to it", () => {
    const blog = resolveDatabaseTarget(FIXTURE, { env: {} });
    const analytics = resolveDatabaseTarget(FIXTURE, { env: {}, iniSection: 'analytics' });
    assert.ok(blog.ok && analytics.ok);
    assert.equal(blog.target.sqlitePath, path.join(FIXTURE, 'blog.db'));
    assert.equal(analytics.target.sqlitePath, path.join(FIXTURE, 'analytics.db'));
  });

  it('the CLI picks the section with --name, as alembic does; heads agree with real Alembic for each section', (t) => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" (npm test does)');
    const ours = [cli(['heads', FIXTURE]), cli(['heads', FIXTURE, '--name', 'analytics'])];
    assert.deepEqual(
      ours.map((r) => [r.code, r.out.trim()]),
      [
        [0, 'b10a0000c001 (head)'],
        [0, 'a7a10000e001 (head)'],
      ],
    );
    const unknown = cli(['check', FIXTURE, '--name', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no history configured in section \[nope\]/);
    if (missingOracle(t, pythonOracleProblem())) return;
    for (const [index, args] of [[], ['--name', 'analytics']].entries()) {
      const real = spawnSync(SYSTEM_PYTHON, ['-m', 'alembic', ...args, 'heads'], { cwd: FIXTURE, encoding: 'utf8' });
      assert.equal(real.status, 0, real.stderr);
      assert.equal(real.stdout.trim(), ours[index]?.out.trim());
    }
  });

  it("`check --name analytics` sees an analytics model change and `revision --name analytics` writes it into that section's history", () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'mg-ini-sections-'));
    cpSync(FIXTURE, scratch, { recursive: true });
    const models = path.join(scratch, 'analytics', 'models.py');
    writeFileSync(
      models,
      readFileSync(models, 'utf8').replace('    duration_ms = Column(Integer)\n', '    duration_ms = Column(Integer)\n    referrer = Column(String(500))\n'),
    );
    assert.equal(cli(['check', scratch]).code, 0, 'the blog history is untouched by an analytics model');
    const check = cli(['check', scratch, '--name', 'analytics']);
    assert.equal(check.code, 1, check.out + check.err);
    assert.match(check.out, /page_view.*referrer added/);
    assert.match(check.out, /migration-guard revision \S+ --name analytics -m/);
    const revision = cli(['revision', scratch, '--name', 'analytics', '-m', 'referrer', '--autogenerate', '--no-input']);
    assert.equal(revision.code, 0, revision.err);
    const written = readdirSync(path.join(scratch, 'analytics', 'migrations', 'versions')).filter((f) => f.endsWith('_referrer.py'));
    assert.equal(written.length, 1);
    assert.deepEqual(readdirSync(path.join(scratch, 'blog', 'migrations', 'versions')), ['b10a0000c001_authors_and_articles.py']);
    const text = readFileSync(path.join(scratch, 'analytics', 'migrations', 'versions', written[0] as string), 'utf8');
    assert.match(text, /down_revision = 'a7a10000e001'/);
    assert.match(text, /op\.add_column\('page_view', sa\.Column\('referrer', sa\.String\(length=500\), nullable=True\)\)/);
    assert.equal(cli(['check', scratch, '--name', 'analytics']).code, 0);
  });
});
