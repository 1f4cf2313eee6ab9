// The SQL renderer's type tracker reads through to the schema it starts from and copies only the
// tables an op changes. Rendering a revision in one call must equal rendering it op by op against
// the replayed schema (what the executor does), over long random histories with renames, drops,
// type changes and enums.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyOpInPlace } from '../../../src/core/history/apply/apply';
import { loadHistory } from '../../../src/core/history/load';
import { initPythonParser } from '../../../src/core/python/parser';
import { opsToSql } from '../../../src/core/render/sql';
import { cloneSchema, emptySchema } from '../../../src/core/schema/types';
import type { Note } from '../../../src/core/source';
import { AlembicProject } from '../history/support/alembicProject';
import { randomHistory } from '../history/support/randomHistory';

describe('sql type tracker', () => {
  before(() => initPythonParser());

  for (const seed of [3, 17]) {
    it(`seed ${seed}: a revision rendered whole equals it rendered op by op, and the start schema is never modified`, () => {
      const project = new AlembicProject('postgresql://localhost/none');
      try {
        project.writeRevisions(randomHistory(seed, 150).revisions);
        const history = loadHistory(project.dir);
        const schema = emptySchema();
        const notes: Note[] = [];
        let statements = 0;
        for (const id of history.graph.ordered) {
          const ops = history.graph.revisions.get(id)?.upgrade.ops ?? [];
          const snapshot = JSON.stringify(schema);
          const whole = opsToSql(ops, schema);
          assert.equal(JSON.stringify(schema), snapshot, 'rendering leaves the schema as it was');
          const stepwise = cloneSchema(schema);
          const oneByOne: string[] = [];
          for (const op of ops) {
            oneByOne.push(...opsToSql([op], stepwise));
            applyOpInPlace(stepwise, op, notes);
          }
          assert.deepEqual(whole, oneByOne, `revision ${id}`);
          for (const op of ops) applyOpInPlace(schema, op, notes);
          statements += whole.length;
        }
        assert.ok(statements > 150);
      } finally {
        project.remove();
      }
    });
  }
});
