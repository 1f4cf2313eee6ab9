// alembic.ini's file_template per section (issue 11, class 2): `revision --name analytics` names the
// new file with [analytics]'s file_template, as `alembic --name analytics revision` does; [alembic]'s
// applies without --name, and a section without one gets Alembic's default, never another section's.
// The oracle: real `alembic --name analytics revision` names its file with the same template.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { projectFileTemplate } from '../../../src/core/project/fileTemplate';
import { discoverProjects } from '../../../src/core/project/discover';
import { FIXTURES_DIR } from '../../support/fixtures';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';

const FIXTURE = path.join(FIXTURES_DIR, 'ini-sections');
const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const scratches: string[] = [];
function withTemplates(alembic: string | null, analytics: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-file-template-'));
  scratches.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const ini = path.join(dir, 'alembic.ini');
  let text = readFileSync(ini, 'utf8');
  if (alembic !== null) text = text.replace('[alembic]\n', `[alembic]\nfile_template = ${alembic}\n`);
  if (analytics !== null) text = text.replace('[analytics]\n', `[analytics]\nfile_template = ${analytics}\n`);
  writeFileSync(ini, text);
  return dir;
}

const newFiles = (dir: string, section: 'blog' | 'analytics', before: string[]) =>
  readdirSync(path.join(dir, section, 'migrations', 'versions')).filter((f) => f.endsWith('.py') && !before.includes(f));

describe('per-section file_template in alembic.ini', () => {
  after(() => {
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  });

  it("each section has its own template; a section without one gets the default, not [alembic]'s", () => {
    const dir = withTemplates('main_%%(rev)s', 'an_%%(slug)s_%%(rev)s');
    const locations = discoverProjects(dir);
    const of = (section: string | undefined) => locations.find((l) => l.iniSection === section);
    assert.equal(projectFileTemplate(of(undefined) ?? assert.fail('no [alembic]')), 'main_%(rev)s');
    assert.equal(projectFileTemplate(of('analytics') ?? assert.fail('no [analytics]')), 'an_%(slug)s_%(rev)s');
    const onlyMain = discoverProjects(withTemplates('main_%%(rev)s', null)).find((l) => l.iniSection === 'analytics');
    assert.equal(projectFileTemplate(onlyMain ?? assert.fail('no [analytics]')), undefined);
  });

  it("`revision --name analytics` names the file with [analytics] file_template; without --name, [alembic]'s", () => {
    const dir = withTemplates('main_%%(rev)s', 'an_%%(slug)s_%%(rev)s');
    const analyticsBefore = newFiles(dir, 'analytics', []);
    const blogBefore = newFiles(dir, 'blog', []);
    const analytics = cli(['revision', dir, '--name', 'analytics', '-m', 'Track referrer']);
    assert.equal(analytics.code, 0, analytics.err);
    const [written] = newFiles(dir, 'analytics', analyticsBefore);
    assert.match(written ?? '', /^an_track_referrer_[0-9a-f]{12}\.py$/);
    assert.equal(path.basename(analytics.out.trim()), written);
    const blog = cli(['revision', dir, '-m', 'Add tags']);
    assert.equal(blog.code, 0, blog.err);
    assert.match(newFiles(dir, 'blog', blogBefore)[0] ?? '', /^main_[0-9a-f]{12}\.py$/);
    // [alembic]'s template does not leak into [analytics] when it has none.
    const plain = withTemplates('main_%%(rev)s', null);
    const before = newFiles(plain, 'analytics', []);
    assert.equal(cli(['revision', plain, '--name', 'analytics', '-m', 'Track referrer']).code, 0);
    assert.match(newFiles(plain, 'analytics', before)[0] ?? '', /^[0-9a-f]{12}_track_referrer\.py$/);
  });

  it('oracle: real `alembic --name analytics revision` names its file with the same template', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const dir = withTemplates('main_%%(rev)s', 'an_%%(slug)s_%%(rev)s');
    const before = newFiles(dir, 'analytics', []);
    const real = spawnSync(SYSTEM_PYTHON, ['-m', 'alembic', '--name', 'analytics', 'revision', '-m', 'Track referrer'], { cwd: dir, encoding: 'utf8' });
    assert.equal(real.status, 0, real.stderr);
    assert.match(newFiles(dir, 'analytics', before)[0] ?? '', /^an_track_referrer_[0-9a-f]{12}\.py$/);
  });
});
