// Issue 11, Deliver 5: a library a model derives from is looked up wherever the project's Python would
// import it from, not only in site-packages itself: folders named by `.pth` files (`pip install -e`,
// easy-install.pth), setuptools' editable finders (a `.pth` that imports `__editable___*_finder`, whose
// MAPPING says where each package is), and the system site-packages when pyvenv.cfg includes them.
// Fixture `venv-mixin` (its `fakeauth` library), with the library moved out of site-packages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findSitePackages } from '../../../src/core/project/sitePackages';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/venv-mixin');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SITE_IN_ENV = 'lib/python3.11/site-packages';

describe('library folders named by .pth files, editable finders and pyvenv.cfg', () => {
  const scratch: string[] = [];
  after(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    scratch.push(dir);
    return dir;
  };
  const modelsSchema = (dir: string) => {
    const run = spawnSync(process.execPath, [CLI, 'schema', dir, '--from', 'models', '--no-cache'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', VIRTUAL_ENV: '' },
    });
    assert.equal(run.status, 0, run.stderr);
    return { out: run.stdout, warnings: run.stderr };
  };

  /** The fixture with its library moved to `<workspace>/libsrc/fakeauth`; returns the project and its site-packages. */
  const movedLibrary = () => {
    const workspace = tempDir('mg-pth-');
    const project = path.join(workspace, 'app');
    cpSync(FIXTURE, project, { recursive: true });
    rmSync(path.join(project, '.migration-guard'), { recursive: true, force: true });
    const site = path.join(project, '.venv', SITE_IN_ENV);
    mkdirSync(path.join(workspace, 'libsrc'));
    renameSync(path.join(site, 'fakeauth'), path.join(workspace, 'libsrc', 'fakeauth'));
    return { workspace, project, site, source: path.join(workspace, 'libsrc') };
  };

  it('lists the folders of plain .pth lines (relative to site-packages, in file-name order) and skips comments, imports and missing folders', () => {
    const { project, site, source } = movedLibrary();
    const other = path.join(project, 'vendor');
    mkdirSync(other);
    writeFileSync(path.join(site, 'b-vendor.pth'), `# vendored\n${path.relative(site, other)}\n./does-not-exist\nimport os; os.environ\n`);
    writeFileSync(path.join(site, 'a-easy-install.pth'), `${source}\n`);
    assert.deepEqual(findSitePackages(project, { allowOutside: true }), [site, source, other]);
  });

  it("reads a setuptools editable finder's MAPPING, and never runs or guesses other import lines", () => {
    const { project, site, source } = movedLibrary();
    writeFileSync(path.join(site, '__editable__.fakeauth-1.0.pth'), 'import __editable___fakeauth_1_0_finder; __editable___fakeauth_1_0_finder.install()\n');
    writeFileSync(
      path.join(site, '__editable___fakeauth_1_0_finder.py'),
      `import sys\nMAPPING: dict[str, str] = {'fakeauth': ${JSON.stringify(path.join(source, 'fakeauth'))}}\nNAMESPACES = {}\n`,
    );
    writeFileSync(path.join(site, 'other.pth'), 'import __editable___missing_finder; x()\n');
    assert.deepEqual(findSitePackages(project, { allowOutside: true }), [site, source]);
  });

  it('adds the base interpreter site-packages when pyvenv.cfg includes them, and not otherwise', () => {
    const { project, site } = movedLibrary();
    const base = tempDir('mg-pth-base-');
    const baseSite = path.join(base, 'lib/python3.12/site-packages');
    mkdirSync(baseSite, { recursive: true });
    mkdirSync(path.join(base, 'bin'));
    const cfg = path.join(project, '.venv/pyvenv.cfg');
    writeFileSync(cfg, `home = ${path.join(base, 'bin')}\ninclude-system-site-packages = true\nversion = 3.12.1\n`);
    assert.deepEqual(findSitePackages(project, { allowOutside: true }), [site, baseSite]);
    writeFileSync(cfg, `home = ${path.join(base, 'bin')}\ninclude-system-site-packages = false\n`);
    assert.deepEqual(findSitePackages(project, { allowOutside: true }), [site]);
  });

  it('in an untrusted workspace, follows no .pth line and no system site-packages outside the workspace folder', () => {
    const { workspace, project, site, source } = movedLibrary();
    const outside = tempDir('mg-pth-outside-');
    writeFileSync(path.join(site, 'a.pth'), `${source}\n${outside}\n`);
    const base = tempDir('mg-pth-base-');
    mkdirSync(path.join(base, 'lib/python3.12/site-packages'), { recursive: true });
    writeFileSync(path.join(project, '.venv/pyvenv.cfg'), `home = ${path.join(base, 'bin')}\ninclude-system-site-packages = true\n`);
    assert.deepEqual(findSitePackages(project, { allowOutside: false, boundary: workspace }), [site, source]);
    assert.deepEqual(findSitePackages(project, { allowOutside: false, boundary: project }), [site]);
  });

  it('check and schema read the moved library through the .pth exactly as from site-packages', () => {
    const original = modelsSchema(FIXTURE);
    const { project, site, source } = movedLibrary();
    const blind = modelsSchema(project);
    assert.notEqual(blind.out, original.out, 'without the .pth the library columns are not seen');
    assert.match(blind.warnings, /outside the project/);
    writeFileSync(path.join(site, '__editable__.fakeauth-1.0.pth'), 'import __editable___fakeauth_1_0_finder; __editable___fakeauth_1_0_finder.install()\n');
    writeFileSync(path.join(site, '__editable___fakeauth_1_0_finder.py'), `MAPPING = {"fakeauth": ${JSON.stringify(path.join(source, 'fakeauth'))}}\n`);
    assert.deepEqual(modelsSchema(project), original);
    rmSync(path.join(site, '__editable__.fakeauth-1.0.pth'));
    writeFileSync(path.join(site, 'fakeauth.pth'), `${path.relative(site, source)}\n`);
    assert.deepEqual(modelsSchema(project), original);
  });
});
