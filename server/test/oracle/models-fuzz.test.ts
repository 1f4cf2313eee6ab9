// Fuzz: random truncations and edits of every fixture's Python files never throw, never hit an
// internal error, and report syntax errors as notes. Whenever the edited text parses, the incremental
// path (ModelIndex.applyChange) agrees with a fresh full extraction of the same text; while it does
// not, the last reading that parsed stands in for what broke (so the two may differ then).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPythonParser, parsePython } from '../../src/core/python/parser';
import { extractModels, ModelIndex, readProjectPythonFiles } from '../../src/core/models';
import type { SourceFile } from '../../src/core/models';
import { seededRandom as random } from '../support/random';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');
const FIXTURE_NAMES = ['classic', 'package', 'inheritance', 'typed'];
const SNIPPETS = ['(', ')', ':', '"', "'", ',', '\n', '    ', 'db.', 'Column(', '[', ']', '=', '#', '\\', 'class X(db.Model):\n', ' ', ''];

function comparable(result: ReturnType<typeof extractModels>) {
  return { schema: result.schema, sources: result.sources, notes: result.notes };
}

describe('fuzz: half-typed model files', () => {
  before(async () => {
    await initPythonParser();
  });

  for (const fixture of FIXTURE_NAMES) {
    it(`${fixture}: random truncations and edits never throw and stay consistent`, () => {
      const dir = path.join(FIXTURES, fixture);
      const files = readProjectPythonFiles(dir);
      const next = random(fixture.length * 7919);
      let checked = 0;
      for (const target of files) {
        if (!/class |Table\(/.test(target.text)) continue;
        const index = new ModelIndex({ root: dir });
        for (const file of files) index.setFile(file.path, file.text);
        for (let round = 0; round < 25; round++) {
          const text = index.text(target.path) as string;
          const start = Math.floor(next() * (text.length + 1));
          const truncate = next() < 0.2;
          const end = truncate ? text.length : Math.min(text.length, start + Math.floor(next() * 12));
          const newText = truncate ? '' : (SNIPPETS[Math.floor(next() * SNIPPETS.length)] as string);
          const context = `${fixture} ${path.basename(target.path)} round ${round}: replace [${start}, ${end}) with ${JSON.stringify(newText)}`;
          index.applyChange(target.path, { start, end, newText });
          const incremental = index.schema();
          const edited = index.text(target.path) as string;
          const fresh = extractModels(
            files.map((f): SourceFile => (f.path === target.path ? { path: f.path, text: edited } : f)),
            { root: dir },
          );
          assert.equal(fresh.notes.filter((n) => n.kind === 'internal-error').length, 0, `internal error after ${context}: ${JSON.stringify(fresh.notes)}`);
          assert.equal(
            incremental.notes.filter((n) => n.kind === 'internal-error').length,
            0,
            `internal error after ${context}: ${JSON.stringify(incremental.notes)}`,
          );
          const tree = parsePython(edited);
          // tree-sitter accepts stray indentation that Python (and the engine) refuse.
          const broken = tree.rootNode.hasError || fresh.notes.some((n) => n.kind === 'parse-error');
          tree.delete();
          if (broken) {
            assert.ok(
              fresh.notes.some((n) => n.kind === 'parse-error' && n.location?.file === target.path),
              `no parse-error note after ${context}`,
            );
          } else {
            assert.deepEqual(comparable(incremental), comparable(fresh), `incremental ≠ full after ${context}`);
          }
          if (truncate) index.setFile(target.path, target.text);
          checked++;
        }
        index.dispose();
      }
      assert.ok(checked >= 25, 'the fixture has model files to fuzz');
    });
  }
});
