// Half-typed and mangled revision files never make the engine throw: every cut and splice of real
// revision texts parses, builds a graph and replays, with notes where it could not follow.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { parseRevisionFile } from '../../../src/core/history/revisionFile';
import { RevisionGraph } from '../../../src/core/history/graph';
import { applyOps } from '../../../src/core/history/apply/apply';
import { emptySchema } from '../../../src/core/schema/types';
import type { Note } from '../../../src/core/source';
import { revisionText } from './support/alembicProject';
import { EVERY_OP_HISTORY } from './support/everyOpHistory';
import { seededRandom as prng } from '../../support/random';

const FRAGMENTS = [
  '(',
  ')',
  '[',
  "'",
  '"',
  ',',
  ':',
  '\n    ',
  'op.',
  'sa.Column(',
  '*',
  '**kw',
  'if x:\n',
  'return',
  'f"{',
  '"""',
  'with ',
  '@',
  'lambda: ',
  ' = ',
  'None',
];

describe('robustness of revision parsing and replay', () => {
  before(async () => {
    await initPythonParser();
  });

  it('400 cut or spliced revision files parse, graph and replay without throwing', () => {
    const random = prng(42);
    const texts = EVERY_OP_HISTORY.map(revisionText);
    const parsed = [];
    for (let i = 0; i < 400; i++) {
      const text = texts[Math.floor(random() * texts.length)] as string;
      const at = Math.floor(random() * text.length);
      const mutated =
        i % 3 === 0
          ? text.slice(0, at)
          : i % 3 === 1
            ? `${text.slice(0, at)}${FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]}${text.slice(at)}`
            : `${text.slice(0, at)}${text.slice(at + 1 + Math.floor(random() * 40))}`;
      const revision = parseRevisionFile(`/fuzz/${i}.py`, mutated);
      assert.equal(typeof revision.revision === 'string' || revision.revision === null, true);
      parsed.push(revision);
    }
    const graph = new RevisionGraph(parsed);
    assert.ok(graph.notes.length > 0, 'duplicates and breakage are reported');
    const notes: Note[] = [];
    let schema = emptySchema();
    for (const id of graph.ordered) schema = applyOps(schema, graph.revisions.get(id)?.upgrade.ops ?? [], notes);
    assert.ok(Object.keys(schema.tables).length > 0);
  });
});
