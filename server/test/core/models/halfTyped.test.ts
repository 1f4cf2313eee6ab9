// Half-typed model code never reads as a drop: a class that does not parse keeps its last good
// reading (and says its findings are paused), and a value that cannot be read statically is a note,
// never a guessed False. Each case reproduces a reported failure on the real fixtures.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');

interface Workspace {
  root: string;
  models: string;
  analysis: ProjectAnalysis;
  /** The committed models.py. */
  original: string;
}

function workspace(fixture: string, buffers: Map<string, string>): Workspace {
  const root = mkdtempSync(path.join(tmpdir(), `mg-half-${fixture}-`));
  cpSync(path.join(FIXTURES, fixture), root, { recursive: true, filter: (source) => !source.includes('__pycache__') });
  const [location] = discoverProjects(root);
  assert.ok(location, 'the fixture is a project');
  const readFile = (file: string) =>
    buffers.get(file) ??
    (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    })();
  const models = path.join(root, 'models.py');
  return { root, models, analysis: new ProjectAnalysis(location, { readFile }), original: readFileSync(models, 'utf8') };
}

function insertBefore(text: string, anchor: string, inserted: string): string {
  const at = text.indexOf(anchor);
  assert.ok(at >= 0, `"${anchor}" not in the text`);
  return text.slice(0, at) + inserted + text.slice(at);
}

function summary(analysis: ProjectAnalysis) {
  const result = analysis.result();
  return {
    findings: result.findings.map((f) => `${f.code} ${f.table ?? ''}.${f.column ?? ''}`),
    changes: result.changes.length,
    paused: result.modelSchema.notes.filter((n) => n.kind === 'findings-paused'),
  };
}

describe('half-typed models never read as drops', () => {
  const buffers = new Map<string, string>();
  const made: Workspace[] = [];
  const open = (fixture: string) => {
    const ws = workspace(fixture, buffers);
    made.push(ws);
    return ws;
  };

  before(async () => {
    await initPythonParser();
  });

  after(() => {
    for (const ws of made) rmSync(ws.root, { recursive: true, force: true });
  });

  it('typing an unclosed mapped_column( in a typed class keeps that class (no DS103, nothing pending) and says findings are paused', () => {
    const ws = open('typed');
    assert.deepEqual(summary(ws.analysis).findings, [], 'the fixture starts in sync');
    const clean = ws.analysis.result().modelSchema.schema;
    const typed = '    rating: so.Mapped[int] = so.mapped_column(sa.Integ\n';
    // Typed one character at a time, as in an editor: no intermediate state may read as a drop.
    let text = ws.original;
    const at = text.indexOf('    tasks: Mapped');
    for (let i = 1; i <= typed.length; i++) {
      text = ws.original.slice(0, at) + typed.slice(0, i) + ws.original.slice(at);
      ws.analysis.setModelText(ws.models, text);
      const now = summary(ws.analysis);
      assert.deepEqual(
        now.findings.filter((f) => /^(DS10|BC10)/.test(f)),
        [],
        `a drop after typing ${JSON.stringify(typed.slice(0, i))}`,
      );
    }
    const now = summary(ws.analysis);
    assert.deepEqual(now.findings, []);
    assert.equal(now.changes, 0);
    assert.deepEqual(ws.analysis.result().modelSchema.schema, clean, 'the last good reading stands in');
    assert.equal(now.paused.length, 1, JSON.stringify(now.paused));
    const note = now.paused[0]!;
    assert.match(note.message, /findings for class Project are paused/);
    assert.equal(note.location?.range.start.line, text.slice(0, at).split('\n').length - 1, 'the note is at the half-typed line');
  });

  it('once the line parses again, the new column counts (and a real drop elsewhere is still reported meanwhile)', () => {
    const ws = open('typed');
    // A real edit first: drop a column of Task.
    const withoutNotes = ws.original.replace('    notes: Mapped[str] = mapped_column(nullable=True)\n', '');
    ws.analysis.setModelText(ws.models, withoutNotes);
    assert.ok(summary(ws.analysis).findings.includes('DS103 tasks.notes'));
    // Now a half-typed line in Project: Task's real drop stays reported; Project is paused.
    const half = insertBefore(withoutNotes, '    tasks: Mapped', '    rating: Mapped[int] = mapped_column(Integ\n');
    ws.analysis.setModelText(ws.models, half);
    const during = summary(ws.analysis);
    assert.ok(during.findings.includes('DS103 tasks.notes'), JSON.stringify(during.findings));
    assert.deepEqual(
      during.findings.filter((f) => f.includes('projects')),
      [],
    );
    const done = half.replace('mapped_column(Integ\n', 'mapped_column(nullable=True)\n');
    ws.analysis.setModelText(ws.models, done);
    const after = summary(ws.analysis);
    assert.deepEqual(after.paused, []);
    assert.ok(ws.analysis.result().changes.some((c) => c.kind === 'addColumn' && c.table === 'projects' && c.column === 'rating'));
  });

  it('stray code at column 0 inside a class body does not cut the class short', () => {
    const ws = open('classic');
    const text = insertBefore(ws.original, '    email = db.Column', 'x\n');
    ws.analysis.setModelText(ws.models, text);
    const now = summary(ws.analysis);
    assert.deepEqual(now.findings, []);
    assert.equal(now.paused.length, 1);
    assert.match(now.paused[0]!.message, /class User/);
  });

  it('an unclosed bracket at module level does not swallow the classes below it', () => {
    const ws = open('classic');
    const text = insertBefore(ws.original, 'class User(db.Model):', 'settings = dict(\n\n\n');
    ws.analysis.setModelText(ws.models, text);
    assert.deepEqual(summary(ws.analysis).findings, []);
  });

  it('a deleted class is a real drop even while another class does not parse', () => {
    const ws = open('classic');
    const tagStart = ws.original.indexOf('class Tag(db.Model):');
    const withoutTag = ws.original.slice(0, tagStart);
    const text = insertBefore(withoutTag, '    email = db.Column', '    nickname = db.Column(db.String(\n');
    ws.analysis.setModelText(ws.models, text);
    const now = summary(ws.analysis);
    assert.ok(now.findings.includes('DS102 tag.'), JSON.stringify(now.findings));
    assert.deepEqual(
      now.findings.filter((f) => f.includes('user')),
      [],
    );
  });

  it('a file that is broken from the start (no earlier reading) pauses its half-typed class instead of dropping it', () => {
    const ws = open('classic');
    const broken = insertBefore(ws.original, '    email = db.Column', '    nickname = db.Column(db.String(\n');
    buffers.set(ws.models, broken);
    try {
      const [location] = discoverProjects(ws.root);
      const fresh = new ProjectAnalysis(location!, { readFile: (file) => buffers.get(file) ?? readFileSync(file, 'utf8') });
      const now = summary(fresh);
      assert.deepEqual(
        now.findings.filter((f) => /^(DS10|BC10)/.test(f)),
        [],
        JSON.stringify(now.findings),
      );
      assert.equal(now.paused.length, 1);
      assert.match(now.paused[0]!.message, /findings for class User are paused until it parses$/);
    } finally {
      buffers.delete(ws.models);
    }
  });

  it('index=flag is a note at its line, never an index drop', () => {
    const ws = open('classic');
    const text = ws.original.replace('nullable=False, index=True)', 'nullable=False, index=flag)');
    assert.notEqual(text, ws.original);
    ws.analysis.setModelText(ws.models, text);
    const result = ws.analysis.result();
    assert.deepEqual(
      result.changes.map((c) => c.kind),
      [],
      'no index change is guessed',
    );
    assert.deepEqual(result.findings, []);
    const note = result.modelSchema.notes.find((n) => n.kind === 'unresolved-value');
    assert.ok(note, JSON.stringify(result.modelSchema.notes));
    assert.match(note.message, /index= is not a literal True\/False/);
    assert.equal(
      note.location?.range.start.line,
      text.split('\n').findIndex((l) => l.includes('index=flag')),
    );
    // Create Migration does not guess either.
    assert.deepEqual(ws.analysis.changesWith({}).changes, []);
  });

  it('unique=flag and nullable=flag are not guessed either', () => {
    const ws = open('classic');
    const text = ws.original.replace('db.Column(db.String(120), unique=True, nullable=False)', 'db.Column(db.String(120), unique=UNIQUE, nullable=NULLABLE)');
    assert.notEqual(text, ws.original);
    writeFileSync(ws.models, text);
    ws.analysis.setModelText(ws.models, text);
    assert.deepEqual(
      ws.analysis.result().changes.map((c) => `${c.kind} ${c.column ?? ''}`),
      [],
    );
  });
});
