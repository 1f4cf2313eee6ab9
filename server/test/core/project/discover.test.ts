import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { discoverProjects } from '../../../src/core/project/discover';
import { findModelFiles, globToRegExp, isModelFileCandidate } from '../../../src/core/project/modelFiles';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mg-discover-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

const flaskMigrations = (prefix: string) => ({
  [`${prefix}migrations/alembic.ini`]: '[alembic]\n',
  [`${prefix}migrations/env.py`]: '',
  [`${prefix}migrations/script.py.mako`]: '',
  [`${prefix}migrations/versions/.keep`]: '',
});

describe('project discovery', () => {
  it('finds a Flask-Migrate project rooted at the parent of migrations/', () => {
    const root = workspace({ 'app.py': '', 'models.py': '', ...flaskMigrations('') });
    const projects = discoverProjects(root);
    assert.equal(projects.length, 1);
    assert.equal(projects[0]?.root, root);
    assert.equal(projects[0]?.scriptLocation, path.join(root, 'migrations'));
    assert.deepEqual(projects[0]?.versionDirs, [path.join(root, 'migrations', 'versions')]);
  });

  it('finds an Alembic project through alembic.ini script_location', () => {
    const root = workspace({
      'svc/alembic.ini': '[alembic]\nscript_location = db/alembic\n',
      'svc/db/alembic/env.py': '',
      'svc/db/alembic/script.py.mako': '',
      'svc/db/alembic/versions/.keep': '',
      'svc/app/models.py': '',
    });
    const projects = discoverProjects(root);
    assert.equal(projects.length, 1);
    assert.equal(projects[0]?.root, path.join(root, 'svc'));
    assert.deepEqual(projects[0]?.versionDirs, [path.join(root, 'svc', 'db', 'alembic', 'versions')]);
  });

  it('finds every project of a monorepo folder, and none inside virtual environments', () => {
    const root = workspace({
      ...flaskMigrations('api/'),
      ...flaskMigrations('admin/'),
      ...flaskMigrations('.venv/lib/site-packages/somepkg/'),
      '.venv/pyvenv.cfg': '',
      ...flaskMigrations('myenv/lib/x/'),
      'myenv/pyvenv.cfg': '',
    });
    const projects = discoverProjects(root);
    assert.deepEqual(projects.map((p) => path.relative(root, p.root)).sort(), ['admin', 'api']);
  });

  it('uses an explicit migrations directory when given', () => {
    const root = workspace({ ...flaskMigrations('db/'), 'models.py': '' });
    const projects = discoverProjects(root, { migrationsDirectory: 'db/migrations' });
    assert.equal(projects.length, 1);
    assert.deepEqual(projects[0]?.versionDirs, [path.join(root, 'db', 'migrations', 'versions')]);
  });

  it('returns nothing for a folder without migrations', () => {
    assert.deepEqual(discoverProjects(workspace({ 'app.py': '', 'lib/env.py': '' })), []);
  });
});

describe('model files', () => {
  it('takes the .py files outside migrations, tests and virtual environments', () => {
    const root = workspace({
      ...flaskMigrations(''),
      'migrations/versions/abc_first.py': '',
      'app.py': '',
      'shop/models/user.py': '',
      'shop/models/__init__.py': '',
      'tests/test_models.py': '',
      'shop/test_views.py': '',
      'conftest.py': '',
      'venv/pyvenv.cfg': '',
      'venv/lib/site.py': '',
      'node_modules/x/y.py': '',
    });
    const [project] = discoverProjects(root);
    assert.ok(project);
    const files = findModelFiles(project).map((f) => path.relative(root, f));
    assert.deepEqual(files, ['app.py', 'shop/models/__init__.py', 'shop/models/user.py']);
    assert.equal(isModelFileCandidate(project, path.join(root, 'shop', 'new.py')), true);
    assert.equal(isModelFileCandidate(project, path.join(root, 'migrations', 'versions', 'x.py')), false);
    assert.equal(isModelFileCandidate(project, path.join(root, 'tests', 'test_a.py')), false);
  });

  it('honours model globs', () => {
    const root = workspace({ ...flaskMigrations(''), 'app.py': '', 'shop/models/user.py': '', 'shop/views.py': '' });
    const [project] = discoverProjects(root);
    assert.ok(project);
    const files = findModelFiles(project, { globs: ['**/models/*.py'] }).map((f) => path.relative(root, f));
    assert.deepEqual(files, ['shop/models/user.py']);
    assert.equal(globToRegExp('**/models/*.py').test('models/user.py'), true);
    assert.equal(globToRegExp('src/*.py').test('src/a/b.py'), false);
  });
});
