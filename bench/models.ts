// Models extraction speed: a full parse + extraction of a generated 2,000-line models file, and one
// keystroke-sized edit in its middle through ModelIndex.applyChange (re-read of the changed chunk,
// schema recomputed). The incremental edit should stay under 20 ms. Then the 50,000-line file with one
// unclosed `mapped_column(` (issue 12: ~150 s of CPU per analysis before chunked parsing; target < 1 s).
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
    const edits = [
      { start: at, end: at, newText: '5' },
      { start: at, end: at + 1, newText: '' },
    ];
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
  unbalanced();
}

/** 2,500 typed models × 20 lines, with `rating: Mapped[int] = mapped_column(` left open in the middle one. */
function generateUnbalanced(): string {
  const lines = [
    'from sqlalchemy import String',
    'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
    '',
    '',
    'class Base(DeclarativeBase):',
    '    pass',
    '',
    '',
  ];
  for (let i = 0; i < 2500; i++) {
    lines.push(`class Thing${i}(Base):`, `    __tablename__ = "thing_${i}"`, '    id: Mapped[int] = mapped_column(primary_key=True)');
    for (let c = 0; c < 15; c++) lines.push(`    c_${c}: Mapped[str] = mapped_column(String(${100 + c}))`);
    if (i === 1250) lines.push('    rating: Mapped[int] = mapped_column(');
    lines.push('', '');
  }
  return lines.join('\n');
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function unbalanced(): void {
  const text = generateUnbalanced();
  const lines = text.split('\n').length;
  const file = '/bench/big_models.py';
  const cold: { wall: number; cpu: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const index = new ModelIndex({ root: '/bench' });
    const cpu = process.cpuUsage();
    const start = performance.now();
    index.setFile(file, text);
    index.schema();
    cold.push({ wall: performance.now() - start, cpu: cpuMs(cpu) });
    index.dispose();
  }
  // A keystroke inside the unclosed call, with the file open (what the editor re-analyses each time).
  const index = new ModelIndex({ root: '/bench' });
  index.setFile(file, text);
  index.schema();
  const keystrokes: { wall: number; cpu: number }[] = [];
  for (let run = 0; run < 10; run++) {
    const current = index.text(file) as string;
    const at = current.indexOf('mapped_column(\n') + 'mapped_column('.length;
    const edit = run % 2 === 0 ? { start: at, end: at, newText: 'S' } : { start: at, end: at + 1, newText: '' };
    const cpu = process.cpuUsage();
    const start = performance.now();
    index.applyChange(file, edit);
    index.schema();
    keystrokes.push({ wall: performance.now() - start, cpu: cpuMs(cpu) });
  }
  const tables = Object.keys(index.schema().schema.tables).length;
  index.dispose();
  const met = (ms: number) => (ms < 1000 ? 'met' : 'NOT met');
  const coldCpu = median(cold.map((c) => c.cpu));
  const keyCpu = median(keystrokes.map((k) => k.cpu));
  console.log(`models: ${lines}-line file with one unclosed mapped_column( (${tables} tables read)`);
  console.log(
    `  full parse + extract:        median ${median(cold.map((c) => c.wall)).toFixed(0)} ms wall, ${coldCpu.toFixed(0)} ms CPU (target < 1 s: ${met(coldCpu)})`,
  );
  console.log(
    `  keystroke in the open call:  median ${median(keystrokes.map((k) => k.wall)).toFixed(0)} ms wall, ${keyCpu.toFixed(0)} ms CPU (target < 1 s: ${met(keyCpu)})`,
  );
}

void main();
