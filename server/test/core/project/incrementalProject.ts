// A generated project whose tables depend on each other in every way the per-table memos must
// respect (build memo: core/models/buildMemo.ts; diff memo: core/diff/memo.ts), and the edits the
// incremental-equality test replays into it. Cross-table parts: foreign keys by string and by class
// attribute, a column typed by its foreign key's target, generated constraint names that collide
// with explicit names of other tables, one enum type shared (and sometimes contradicted) by several
// tables, a mixin in another module, single-table subclasses, a module-level Index(), an enum class,
// and head tables that only a rename guess pairs with a model.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GeneratedProject {
  root: string;
  files: Map<string, string>;
}

const CLASSES = 24;

function modelClass(t: number): string[] {
  const lines = [`class Thing${t}(${t % 3 === 0 ? 'Stamped, ' : ''}db.Model):`, `    __tablename__ = "thing_${t}"`];
  lines.push('    id = db.Column(db.Integer, primary_key=True)');
  lines.push(`    label = db.Column(db.String(${100 + t}), nullable=False)`);
  lines.push(`    code = db.Column(db.String(20), unique=${t % 2 === 0 ? 'True' : 'False'})`);
  if (t > 0) lines.push(`    parent_id = db.Column(db.ForeignKey("thing_${t - 1}.id"))`);
  if (t > 1 && t % 4 === 2) lines.push(`    sibling_id = db.Column(db.Integer, db.ForeignKey(Thing${t - 2}.id, ondelete="CASCADE"))`);
  const labels = t % 7 === 5 ? '"draft", "live", "gone"' : '"draft", "live"';
  if (t % 2 === 1) lines.push(`    status = db.Column(db.Enum(${labels}, name="status"))`);
  if (t % 5 === 3) lines.push('    color = db.Column(db.Enum(Color))');
  const args = [`db.CheckConstraint("id > ${t}")`];
  // Takes the name PostgreSQL would give the next table's unique code: that one becomes ..._key1.
  if (t % 4 === 1) args.push(`db.UniqueConstraint("label", name="thing_${t + 1}_code_key")`);
  else args.push('db.UniqueConstraint("label", "code")');
  lines.push(`    __table_args__ = (${args.join(', ')},)`);
  lines.push('');
  if (t % 5 === 2) lines.push(`class Special${t}(Thing${t}):`, '    extra = db.Column(db.Integer)', '');
  if (t % 6 === 0) lines.push(`db.Index("ix_custom_${t}", Thing${t}.label)`, '');
  lines.push('');
  return lines;
}

function headTable(t: number): string[] {
  const status = t % 2 === 1 ? ["        sa.Column('status', sa.Enum('draft', 'live', name='status'), nullable=True),"] : [];
  return [
    `    op.create_table('thing_${t}',`,
    "        sa.Column('id', sa.Integer(), nullable=False),",
    `        sa.Column('label', sa.String(length=${100 + t}), nullable=False),`,
    "        sa.Column('code', sa.String(length=20), nullable=True),",
    ...(t > 0 ? ["        sa.Column('parent_id', sa.Integer(), nullable=True),"] : []),
    ...status,
    "        sa.PrimaryKeyConstraint('id'),",
    ...(t % 2 === 0 ? ["        sa.UniqueConstraint('code'),"] : []),
    '    )',
  ];
}

export function generateProject(): GeneratedProject {
  const root = mkdtempSync(path.join(tmpdir(), 'mg-incremental-'));
  const models = ['from app import db', 'from mixins import Stamped, Color', '', ''];
  for (let t = 0; t < CLASSES; t++) models.push(...modelClass(t));
  models.push(
    'class Renamed(db.Model):',
    '    __tablename__ = "renamed_to"',
    '    id = db.Column(db.Integer, primary_key=True)',
    '    body = db.Column(db.Text)',
    '',
  );
  const mixins = [
    'import enum',
    'from app import db',
    '',
    '',
    'class Color(enum.Enum):',
    '    red = 1',
    '    blue = 2',
    '',
    '',
    'class Stamped:',
    '    created = db.Column(db.DateTime, server_default=db.func.now())',
    '',
  ];
  const ops: string[] = [];
  for (let t = 0; t < CLASSES; t += 1) if (t % 8 !== 7) ops.push(...headTable(t));
  ops.push(
    "    op.create_table('renamed_from',",
    "        sa.Column('id', sa.Integer(), nullable=False),",
    "        sa.Column('body', sa.Text(), nullable=True),",
    "        sa.PrimaryKeyConstraint('id'),",
    '    )',
    "    op.create_table('only_in_head',",
    "        sa.Column('id', sa.Integer(), nullable=False),",
    "        sa.PrimaryKeyConstraint('id'),",
    '    )',
  );
  const revision = [
    '"""generated',
    '',
    'Revision ID: 0123456789ab',
    'Revises:',
    'Create Date: 2026-11-01 10:00:00',
    '',
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    "revision = '0123456789ab'",
    'down_revision = None',
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade():',
    ...ops,
    '',
    '',
    'def downgrade():',
    '    pass',
    '',
  ];
  const files = new Map<string, string>([
    [path.join(root, 'app.py'), 'from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n'],
    [path.join(root, 'models.py'), models.join('\n')],
    [path.join(root, 'mixins.py'), mixins.join('\n')],
    [path.join(root, 'migrations', 'env.py'), ''],
    [path.join(root, 'migrations', 'alembic.ini'), '[alembic]\n'],
    [path.join(root, 'migrations', 'versions', '0123456789ab_generated.py'), revision.join('\n')],
  ]);
  mkdirSync(path.join(root, 'migrations', 'versions'), { recursive: true });
  for (const [file, text] of files) writeFileSync(file, text);
  return { root, files };
}

export interface Edit {
  start: number;
  end: number;
  newText: string;
  what: string;
}

/** Replaces one occurrence (picked with `pick`) of `pattern` by `replace(match)`; null when there is none. */
function replaceOne(text: string, pattern: RegExp, pick: number, replace: (match: RegExpExecArray) => string, what: string): Edit | null {
  const matches = [...text.matchAll(new RegExp(pattern.source, 'g'))] as RegExpExecArray[];
  if (matches.length === 0) return null;
  const match = matches[Math.floor(pick * matches.length)] as RegExpExecArray;
  return { start: match.index, end: match.index + match[0].length, newText: replace(match), what: `${what} at ${match.index}` };
}

const SNIPPETS = ['(', ')', ':', '"', ',', '\n', '    ', 'db.', 'Column(', '=', '#', ' ', 'x'];

/** One random edit of a model file: mostly ones that keep it parsing, which is when results must be equal. */
export function randomEdit(text: string, next: () => number): Edit | null {
  const pick = next();
  const kind = Math.floor(next() * 13);
  switch (kind) {
    case 0:
      return replaceOne(text, /String\((\d+)\)/, pick, (m) => `String(${Number(m[1]) + (next() < 0.5 ? 1 : 9)})`, 'length');
    case 1:
      return replaceOne(text, /nullable=(True|False)/, pick, (m) => `nullable=${m[1] === 'True' ? 'False' : 'True'}`, 'nullable');
    case 2:
      return replaceOne(text, /unique=(True|False)/, pick, (m) => `unique=${m[1] === 'True' ? 'False' : 'True'}`, 'unique');
    case 3:
      return replaceOne(
        text,
        /\n {4}(label|code|labelx|codex) =/,
        pick,
        (m) => `\n    ${m[1]?.endsWith('x') ? m[1].slice(0, -1) : `${m[1]}x`} =`,
        'rename attribute',
      );
    case 4:
      return replaceOne(
        text,
        /__tablename__ = "([a-z_0-9]+)"/,
        pick,
        (m) => `__tablename__ = "${m[1]?.endsWith('b') ? m[1].slice(0, -1) : `${m[1]}b`}"`,
        'tablename',
      );
    case 5:
      return replaceOne(text, /"(live|gone|done)"/, pick, (m) => `"${m[1] === 'live' ? 'done' : m[1] === 'done' ? 'gone' : 'live'}"`, 'enum label');
    case 6:
      return replaceOne(text, /ForeignKey\("thing_(\d+)\.id"\)/, pick, (m) => `ForeignKey("thing_${(Number(m[1]) + 1) % 26}.id")`, 'foreign key target');
    case 7:
      return replaceOne(text, /\n(?=class |db\.Index)/, pick, () => (next() < 0.5 ? '\n\n' : '\n# moved\n'), 'line inserted');
    case 8:
      return replaceOne(text, /\n\n(?=\n)/, pick, () => '\n', 'line removed');
    case 9:
      return replaceOne(text, /name="(thing_\d+)_code_key"/, pick, (m) => `name="${m[1]}_label_key"`, 'constraint name');
    case 10:
      return replaceOne(text, /class Special\d+\(Thing\d+\):\n {4}extra = db\.Column\(db\.Integer\)\n/, pick, () => '', 'subclass deleted');
    case 11:
      return replaceOne(text, /db\.DateTime|db\.Integer\)\n/, pick, (m) => (m[0] === 'db.DateTime' ? 'db.Date' : 'db.BigInteger)\n'), 'type');
    default: {
      const start = Math.floor(pick * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * 4));
      return { start, end, newText: SNIPPETS[Math.floor(next() * SNIPPETS.length)] as string, what: `characters at ${start}` };
    }
  }
}
