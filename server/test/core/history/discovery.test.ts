// Finding the revision files: alembic.ini (with %(here)s, version_locations, recursion), Flask-Migrate's
// migrations/, an explicit path, and monorepo layouts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { findVersionDirs } from '../../../src/core/history/discovery';
import { loadHistory } from '../../../src/core/history/load';
import { revisionText } from './support/alembicProject';

let root = '';
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const rev = (id: string, down: string | null) => revisionText({ id, down, up: [], downgrade: [] });

describe('finding version directories', () => {
  before(async () => {
    await initPythonParser();
    root = mkdtempSync(path.join(tmpdir(), 'mg-discovery-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("Flask-Migrate's migrations/ folder", () => {
    const dir = project('flask', {
      'migrations/env.py': '',
      'migrations/alembic.ini': '[alembic]\n# template used to generate migration files\n',
      'migrations/versions/a.py': rev('aaaa', null),
    });
    const found = findVersionDirs(dir);
    assert.equal(found.scriptLocation, path.join(dir, 'migrations'));
    assert.deepEqual(found.versionDirs, [path.join(dir, 'migrations', 'versions')]);
    assert.deepEqual(found.notes, []);
  });

  it('an alembic.ini inside the script directory: that folder is the script location, whatever script_location says (issue 11: OpenOversight, FlaskApp)', () => {
    // Written for `alembic -c migrations/alembic.ini` from the root; Flask-Migrate overrides it with its directory.
    const flat = project('ini-in-dir', {
      'migrations/env.py': '',
      'migrations/alembic.ini': '[alembic]\nscript_location = migrations\nprepend_sys_path = .\n',
      'migrations/versions/a.py': rev('aaaa', null),
    });
    const found = findVersionDirs(flat);
    assert.equal(found.scriptLocation, path.join(flat, 'migrations'));
    assert.deepEqual(found.versionDirs, [path.join(flat, 'migrations', 'versions')]);
    assert.deepEqual(found.notes, []);
    assert.deepEqual(loadHistory(flat).graph.heads, ['aaaa']);
    const nested = project('ini-in-nested-dir', {
      'Portal/__init__.py': '',
      'Portal/migrations/env.py': '',
      'Portal/migrations/alembic.ini': '[alembic]\nscript_location = ./Portal/migrations/\n',
      'Portal/migrations/versions/a.py': rev('aaaa', null),
    });
    const below = findVersionDirs(nested);
    assert.equal(below.scriptLocation, path.join(nested, 'Portal', 'migrations'));
    assert.deepEqual(below.notes, []);
    assert.deepEqual(loadHistory(nested).graph.heads, ['aaaa']);
  });

  it('alembic.ini script_location with %(here)s, and version_locations with a separator', () => {
    const dir = project('ini', {
      'alembic.ini':
        '[alembic]\nscript_location = %(here)s/db/alembic\nversion_path_separator = os\nversion_locations = %(here)s/db/alembic/versions:%(here)s/plugins/versions\nsqlalchemy.url = postgresql://u:p#x@h/d\n',
      'db/alembic/env.py': '',
      'db/alembic/versions/a.py': rev('aaaa', null),
      'plugins/versions/b.py': rev('bbbb', 'aaaa'),
    });
    const found = findVersionDirs(dir);
    assert.equal(found.scriptLocation, path.join(dir, 'db', 'alembic'));
    assert.deepEqual(found.versionDirs, [path.join(dir, 'db', 'alembic', 'versions'), path.join(dir, 'plugins', 'versions')]);
    const history = loadHistory(dir);
    assert.deepEqual(history.graph.heads, ['bbbb']);
  });

  it('legacy space/comma separated version_locations; a missing one is a warning', () => {
    const dir = project('legacy', {
      'alembic.ini': '[alembic]\nscript_location = migrations\nversion_locations = migrations/versions, migrations/missing\n',
      'migrations/versions/a.py': rev('aaaa', null),
    });
    const found = findVersionDirs(dir);
    assert.deepEqual(found.versionDirs, [path.join(dir, 'migrations', 'versions')]);
    assert.equal(found.notes.length, 1);
    assert.match(found.notes[0]?.message ?? '', /missing does not exist/);
    assert.equal(found.notes[0]?.location?.range.start.line, 2);
  });

  it('nested version folders: loaded with recursive_version_locations, otherwise a note says why not', () => {
    const files = {
      'migrations/env.py': '',
      'migrations/versions/a.py': rev('aaaa', null),
      'migrations/versions/2024/q1/b.py': rev('bbbb', 'aaaa'),
      'migrations/versions/__pycache__/a.cpython-311.pyc': '',
    };
    const flat = project('nested-off', files);
    const off = loadHistory(flat);
    assert.deepEqual([...off.graph.revisions.keys()], ['aaaa']);
    assert.ok(off.notes.some((n) => n.kind === 'nested-versions' && /recursive_version_locations/.test(n.message)));
    const recursive = project('nested-on', { ...files, 'alembic.ini': '[alembic]\nscript_location = migrations\nrecursive_version_locations = true\n' });
    const on = loadHistory(recursive);
    assert.deepEqual([...on.graph.revisions.keys()].sort(), ['aaaa', 'bbbb']);
    assert.deepEqual(on.notes, []);
  });

  it('an explicit path: a script dir, a plain versions folder, or an ini file', () => {
    const dir = project('explicit', {
      'backend/db/env.py': '',
      'backend/db/versions/a.py': rev('aaaa', null),
      'other.ini': '[alembic]\nscript_location = backend/db\n',
    });
    assert.deepEqual(findVersionDirs(dir, 'backend/db').versionDirs, [path.join(dir, 'backend', 'db', 'versions')]);
    assert.deepEqual(findVersionDirs(dir, 'backend/db/versions').versionDirs, [path.join(dir, 'backend', 'db', 'versions')]);
    assert.deepEqual(findVersionDirs(dir, 'other.ini').versionDirs, [path.join(dir, 'backend', 'db', 'versions')]);
    const missing = findVersionDirs(dir, 'nope');
    assert.deepEqual(missing.versionDirs, []);
    assert.equal(missing.notes[0]?.severity, 'error');
  });

  it('a monorepo: migrations one or two folders down, several found is a warning', () => {
    const dir = project('mono', {
      'backend/migrations/env.py': '',
      'backend/migrations/versions/a.py': rev('aaaa', null),
      'services/billing/alembic.ini': '[alembic]\nscript_location = %(here)s/alembic\n',
      'node_modules/x/migrations/env.py': '',
    });
    const found = findVersionDirs(dir);
    assert.deepEqual(found.versionDirs, [path.join(dir, 'backend', 'migrations', 'versions')]);
    assert.match(found.notes[0]?.message ?? '', /several migration folders found \(backend\/migrations, services\/billing\)/);
  });

  it('nothing found is an error note', () => {
    const dir = project('empty', { 'app.py': '' });
    const found = findVersionDirs(dir);
    assert.deepEqual(found.versionDirs, []);
    assert.equal(found.notes[0]?.kind, 'no-migrations');
  });
});
