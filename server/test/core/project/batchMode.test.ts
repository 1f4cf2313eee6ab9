// render_as_batch as flask db migrate / alembic would apply it, read statically.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { detectBatchMode } from '../../../src/core/project/batchMode';
import { useLocale } from '../../../src/core/locale';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-batch-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const FLASK_ENV = 'from flask import current_app\nconf_args = current_app.extensions["migrate"].configure_args\n';

test('Flask-Migrate 4 renders batch by default; Migrate(..., render_as_batch=False) and a pin below 4 turn it off', () => {
  const dir = project({ 'migrations/env.py': FLASK_ENV, 'app.py': 'migrate = Migrate(app, db)\n' });
  assert.deepEqual(detectBatchMode(dir, join(dir, 'migrations')), { batch: true, reason: 'Flask-Migrate 4 default (render_as_batch=True)' });
  writeFileSync(join(dir, 'app.py'), 'migrate = Migrate(app, db,\n    compare_type=True, render_as_batch=False)\n');
  assert.deepEqual(detectBatchMode(dir, join(dir, 'migrations')), { batch: false, reason: 'Migrate(..., render_as_batch=False) in app.py' });
  writeFileSync(join(dir, 'app.py'), 'migrate = Migrate(app, db)\n');
  writeFileSync(join(dir, 'requirements.txt'), 'Flask==2.3.3\nFlask-Migrate==3.1.0\n');
  assert.equal(detectBatchMode(dir, join(dir, 'migrations')).batch, false);
});

test("plain Alembic follows context.configure(render_as_batch=...) in env.py, off when it isn't there", () => {
  const dir = project({ 'alembic.ini': '[alembic]\n', 'alembic/env.py': 'context.configure(connection=connection, target_metadata=target_metadata)\n' });
  assert.equal(detectBatchMode(dir, join(dir, 'alembic')).batch, false);
  writeFileSync(join(dir, 'alembic/env.py'), 'context.configure(connection=connection, render_as_batch=True)\n');
  assert.deepEqual(detectBatchMode(dir, join(dir, 'alembic')), { batch: true, reason: `render_as_batch=True in ${join('alembic', 'env.py')}` });
});

test('the reasons follow the locale (Spanish), with the flag values and file names as written', () => {
  const dir = project({ 'migrations/env.py': FLASK_ENV, 'requirements.txt': 'Flask-Migrate==3.1.0\n' });
  useLocale('es');
  try {
    assert.deepEqual(detectBatchMode(dir, join(dir, 'migrations')), {
      batch: false,
      reason: 'Flask-Migrate anterior a la 4 fijado en requirements.txt (render_as_batch desactivado por defecto)',
    });
    const plain = project({ 'alembic/env.py': 'context.configure(connection=connection)\n' });
    assert.deepEqual(detectBatchMode(plain, join(plain, 'alembic')), { batch: false, reason: 'env.py de Alembic sin render_as_batch' });
  } finally {
    useLocale('en');
  }
});
