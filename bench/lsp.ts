// Keystroke → publishDiagnostics latency of the bundled language server, over stdio, with default
// settings (debounce included): 200 edits to a generated 2,000-line models file.
// Usage: npm run bench -- lsp (builds dist/server.js first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { positionAt, TestClient } from '../server/test/lsp/harness';

const CLASSES = 100;
const COLUMNS = 16; // 100 × (2 header + 16 columns + 2 blank) = 2,000 lines
const EDITS = 200;

function generate(): { models: string; revision: string } {
  const models = ['from app import db', ''];
  const ops: string[] = [];
  for (let t = 0; t < CLASSES; t++) {
    models.push(`class Thing${t}(db.Model):`, `    __tablename__ = "thing_${t}"`);
    const columns = [`    sa.Column('id', sa.Integer(), nullable=False),`];
    models.push('    id = db.Column(db.Integer, primary_key=True)');
    for (let c = 1; c < COLUMNS; c++) {
      if (c % 3 === 0) {
        models.push(`    count_${c} = db.Column(db.Integer, nullable=False)`);
        columns.push(`    sa.Column('count_${c}', sa.Integer(), nullable=False),`);
      } else {
        models.push(`    label_${c} = db.Column(db.String(${100 + c}))`);
        columns.push(`    sa.Column('label_${c}', sa.String(length=${100 + c}), nullable=True),`);
      }
    }
    models.push('', '');
    ops.push(`    op.create_table('thing_${t}',`, ...columns, `    sa.PrimaryKeyConstraint('id')`, '    )');
  }
  const revision = [
    '"""generated', '', 'Revision ID: 0123456789ab', 'Revises:', 'Create Date: 2026-11-01 10:00:00', '', '"""',
    'from alembic import op', 'import sqlalchemy as sa', '', "revision = '0123456789ab'", 'down_revision = None',
    'branch_labels = None', 'depends_on = None', '', '', 'def upgrade():', ...ops, '', '', 'def downgrade():', '    pass', '',
  ].join('\n');
  return { models: models.join('\n'), revision };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  // Measure the bundle as it is now, not a stale one.
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
  const root = mkdtempSync(path.join(tmpdir(), 'mg-bench-lsp-'));
  try {
    const { models, revision } = generate();
    mkdirSync(path.join(root, 'migrations', 'versions'), { recursive: true });
    writeFileSync(path.join(root, 'migrations', 'env.py'), '');
    writeFileSync(path.join(root, 'migrations', 'alembic.ini'), '[alembic]\n');
    writeFileSync(path.join(root, 'migrations', 'versions', '0123456789ab_generated.py'), revision);
    writeFileSync(path.join(root, 'app.py'), 'from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n');
    const file = path.join(root, 'models.py');
    writeFileSync(file, models);

    const client = await TestClient.start({ workspaceFolders: [root] });
    const opened = performance.now();
    await client.open(file);
    await client.diagnosticsFor(file, 1, 60_000);
    const firstMs = performance.now() - opened;

    const cpuBefore = client.serverCpuMs();
    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const text = client.textOf(file);
      // Type a digit into a String(n) length, then delete it: each keystroke changes what is pending.
      const anchor = text.indexOf('db.String(', (Math.floor(i / 2) * 7919) % Math.max(1, text.length - 200));
      const at = (anchor >= 0 ? anchor : text.indexOf('db.String(')) + 'db.String('.length;
      const typing = i % 2 === 0;
      const range = typing ? { start: positionAt(text, at), end: positionAt(text, at) } : { start: positionAt(text, at), end: positionAt(text, at + 1) };
      const started = performance.now();
      const version = await client.edit(file, range, typing ? '9' : '');
      await client.diagnosticsFor(file, version, 60_000);
      times.push(performance.now() - started);
    }
    const cpuAfter = client.serverCpuMs();
    await client.stop();
    const sorted = [...times].sort((a, b) => a - b);
    const lines = models.split('\n').length;
    console.log(`lsp: keystroke → publishDiagnostics, ${lines}-line models file, ${EDITS} edits, default settings`);
    console.log(`  first diagnostics after open: ${firstMs.toFixed(1)} ms`);
    if (cpuBefore !== null && cpuAfter !== null) console.log(`  server CPU per edit: ${((cpuAfter - cpuBefore) / EDITS).toFixed(1)} ms (latency above this is waiting for a CPU on a busy machine)`);
    console.log(`  p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms   (target p95 < 50 ms)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
