// Models extraction speed: a full parse + extraction of a generated 2,000-line models file, and one
// keystroke-sized edit in its middle through ModelIndex.applyChange (incremental reparse, re-read of
// that file's facts, schema recomputed). The incremental edit should stay under 20 ms.
// Usage: node --import tsx bench/models.ts [runs]
import { performance } from 'node:perf_hooks';
import { initPythonParser } from '../server/src/core/python/parser';
import { ModelIndex } from '../server/src/core/models';

const CLASSES = 100;
const RUNS = Number(process.argv[2] ?? 30);

/** 100 models × 20 lines: a mix of Flask-SQLAlchemy columns, foreign keys, indexes and defaults. */
function generate(): string {
  const lines = ['from datetime import datetime', 'from flask_sqlalchemy import SQLAlchemy', '', 'db = SQLAlchemy()', ''];
  for (let i = 0; i < CLASSES; i++) {
    lines.push(
      `class Thing${i}(db.Model):`,
      `    __tablename__ = "thing_${i}"`,
      '    id = db.Column(db.Integer, primary_key=True)',
      '    name = db.Column(db.String(120), nullable=False, unique=True)',
      '    slug = db.Column(db.String(80), index=True)',
      '    body = db.Column(db.Text)',
      '    price = db.Column(db.Numeric(10, 2), nullable=False, server_default="0")',
      '    active = db.Column(db.Boolean, nullable=False, server_default=db.true())',
      '    created_at = db.Column(db.DateTime, server_default=db.func.now())',
      '    updated_at = db.Column(db.DateTime, default=datetime.utcnow)',
      `    parent_id = db.Column(db.Integer, db.ForeignKey("thing_${Math.max(0, i - 1)}.id", ondelete="CASCADE"))`,
      '    status = db.Column(db.Enum("draft", "live", name="thing_status"), nullable=False)',
      '    score = db.Column(db.Float)',
      '    notes = db.Column(db.String(500), comment="free text")',
      '    __table_args__ = (db.UniqueConstraint("slug", "parent_id"), db.CheckConstraint("price >= 0"))',
      '',
      '    def __repr__(self):',
      '        return f"<Thing {self.id}>"',
      '',
      '',
    );
  }
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main() {
  await initPythonParser();
  const text = generate();
  const file = '/bench/models.py';
  const full: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const index = new ModelIndex({ root: '/bench' });
    const start = performance.now();
    index.setFile(file, text);
    index.schema();
    full.push(performance.now() - start);
    index.dispose();
  }

  const index = new ModelIndex({ root: '/bench' });
  index.setFile(file, text);
  const tables = Object.keys(index.schema().schema.tables).length;
  const incremental: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Type one character into String(120) of a model in the middle of the file, then delete it.
    const current = index.text(file) as string;
    const at = current.indexOf('db.String(120)', Math.floor(current.length / 2)) + 'db.String(12'.length;
    const edits = [{ start: at, end: at, newText: '5' }, { start: at, end: at + 1, newText: '' }];
    for (const edit of edits) {
      const start = performance.now();
      index.applyChange(file, edit);
      index.schema();
      incremental.push(performance.now() - start);
    }
  }
  index.dispose();
  const lines = text.split('\n').length;
  console.log(`models: ${lines}-line file, ${tables} tables, ${RUNS} runs`);
  console.log(`  full parse + extract:        median ${median(full).toFixed(1)} ms, max ${Math.max(...full).toFixed(1)} ms`);
  console.log(`  incremental edit + schema:   median ${median(incremental).toFixed(1)} ms, max ${Math.max(...incremental).toFixed(1)} ms (target < 20 ms)`);
}

void main();
