// The per-table memos (core/models/buildMemo.ts, core/diff/memo.ts) never change a result: random
// edits replayed into one long-lived ProjectAnalysis (the language server's path: applyModelChange,
// then result()) give, after every edit, exactly what a fresh analysis of the same texts gives —
// schema, sources, notes, changes, findings, renames. Compared whenever the texts parse (while a
// class does not, its last good reading stands in on purpose). Set MG_FUZZ_SEED to replay a run.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverProjects } from '../../../src/core/project/discover';
import { ProjectAnalysis, type ProjectResult } from '../../../src/core/project/analysis';
import { initPythonParser } from '../../../src/core/python/parser';
import { seededRandom } from '../../support/random';
import { generateProject, randomEdit, type Edit, type GeneratedProject } from './incrementalProject';

const ROUNDS = 300;

function comparable(result: ProjectResult) {
  return {
    modelSchema: result.modelSchema,
    changes: result.changes,
    findings: result.findings,
    renames: result.renames,
    notes: result.notes,
    uncertainTables: result.uncertainTables,
  };
}

const broken = (result: ProjectResult) => result.modelSchema.notes.some((n) => n.kind === 'parse-error' || n.kind === 'findings-paused');

describe('incremental analysis equals a fresh analysis after every edit', () => {
  let project: GeneratedProject;
  before(async () => {
    await initPythonParser();
    project = generateProject();
  });
  after(() => rmSync(project.root, { recursive: true, force: true }));

  function analysis(texts: Map<string, string>): ProjectAnalysis {
    const [location] = discoverProjects(project.root);
    assert.ok(location, 'the generated project is found');
    return new ProjectAnalysis(location, { readFile: (file) => texts.get(file) ?? null });
  }

  it(`${ROUNDS} random edits across tables that depend on each other`, () => {
    const seed = Number(process.env.MG_FUZZ_SEED ?? 20261201);
    const next = seededRandom(seed);
    const texts = new Map(project.files);
    const models = path.join(project.root, 'models.py');
    const mixins = path.join(project.root, 'mixins.py');
    const incremental = analysis(texts);
    incremental.result();
    let compared = 0;
    let withChanges = 0;
    let undo: (Edit & { file: string }) | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      const pending: (Edit & { file: string }) | null = undo;
      undo = null;
      const file: string = pending ? pending.file : next() < 0.85 ? models : mixins;
      const text = texts.get(file) as string;
      const edit: Edit | null = pending ?? randomEdit(text, next);
      if (!edit) continue;
      const edited = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      texts.set(file, edited);
      incremental.applyModelChange(file, { start: edit.start, end: edit.end, newText: edit.newText });
      const got = incremental.result();
      const want = analysis(texts).result();
      const context: string = `seed ${seed} round ${round}: ${path.basename(file)} ${edit.what}: [${edit.start}, ${edit.end}) → ${JSON.stringify(edit.newText)}`;
      if (broken(got) || broken(want)) {
        // Undo it next round (an edit too), so that the run keeps comparing.
        undo = {
          file,
          start: edit.start,
          end: edit.start + edit.newText.length,
          newText: text.slice(edit.start, edit.end),
          what: 'undo of the edit that broke it',
        };
        continue;
      }
      assert.deepEqual(comparable(got), comparable(want), `incremental ≠ fresh after ${context}`);
      compared++;
      if (got.changes.length > 0) withChanges++;
    }
    assert.ok(compared >= ROUNDS / 2, `compared after ${compared} of ${ROUNDS} edits`);
    assert.ok(withChanges >= ROUNDS / 4, 'the runs compare pending changes, not only empty diffs');
  });

  it('a keystroke in one class keeps every other table’s schema and changes as the same objects', () => {
    const texts = new Map(project.files);
    const models = path.join(project.root, 'models.py');
    const incremental = analysis(texts);
    const first = incremental.result();
    const text = texts.get(models) as string;
    const at = text.indexOf('db.String(105)') + 'db.String(10'.length;
    texts.set(models, `${text.slice(0, at)}9${text.slice(at + 1)}`);
    incremental.applyModelChange(models, { start: at, end: at + 1, newText: '9' });
    const second = incremental.result();
    const tables = (r: ProjectResult) => r.modelSchema.schema.tables;
    assert.equal(tables(second).thing_5?.columns.label?.type, 'character varying(109)');
    assert.notEqual(tables(second).thing_5, tables(first).thing_5);
    const others = Object.keys(tables(first)).filter((t) => t !== 'thing_5');
    assert.ok(others.length > 20);
    for (const name of others) assert.equal(tables(second)[name], tables(first)[name], `${name} was built again`);
    const untouched = first.changes.filter((c) => c.table !== undefined && c.table !== 'thing_5' && c.table !== 'renamed_to');
    assert.ok(untouched.length > 10);
    for (const change of untouched) assert.ok(second.changes.includes(change), `a change on ${change.table} was diffed again`);
    assert.ok(second.changes.some((c) => c.kind === 'alterColumn' && c.table === 'thing_5' && c.column === 'label'));
  });
});
