// Formatting by shape (names masked, formatted once, put back) prints exactly what sql-formatter
// prints for each statement on its own: every statement of long random histories, plus names and
// literals that look like SQL, quotes inside names, and text the mask must leave alone.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { format } from 'sql-formatter';
import { loadHistory } from '../../../src/core/history/load';
import { applyOpInPlace } from '../../../src/core/history/apply/apply';
import { initPythonParser } from '../../../src/core/python/parser';
import { formatSql, opsToSql } from '../../../src/core/render/sql';
import { emptySchema } from '../../../src/core/schema/types';
import type { Note } from '../../../src/core/source';
import { AlembicProject } from '../history/support/alembicProject';
import { randomHistory } from '../history/support/randomHistory';

const direct = (sql: string) => {
  try {
    return format(sql, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2 });
  } catch {
    return sql.trim();
  }
};

describe('sql formatting by shape', () => {
  before(() => initPythonParser());

  it('equals sql-formatter on every statement of two random histories (up and down)', () => {
    const project = new AlembicProject('postgresql://localhost/none');
    try {
      let checked = 0;
      for (const seed of [5, 23]) {
        project.writeRevisions(randomHistory(seed, 120).revisions);
        const history = loadHistory(project.dir);
        const schema = emptySchema();
        const notes: Note[] = [];
        for (const id of history.graph.ordered) {
          const revision = history.graph.revisions.get(id);
          for (const statement of [...opsToSql(revision?.upgrade.ops ?? [], schema)]) {
            assert.equal(formatSql(statement), direct(statement), statement);
            checked++;
          }
          for (const op of revision?.upgrade.ops ?? []) applyOpInPlace(schema, op, notes);
          for (const statement of opsToSql(revision?.downgrade.ops ?? [], schema)) assert.equal(formatSql(statement), direct(statement), statement);
        }
      }
      assert.ok(checked > 200);
    } finally {
      project.remove();
    }
  });

  it('names that look like SQL, quotes inside names and literals, and unmaskable text', () => {
    const statements = [
      'ALTER TABLE "select" ADD COLUMN "from" character varying(40) DEFAULT \'where\'::character varying NOT NULL',
      'ALTER TABLE "a""b" RENAME COLUMN "it\'s" TO "x"',
      "ALTER TABLE \"t\" ADD CONSTRAINT \"ck\" CHECK (status IN ('a', 'it''s', ''))",
      'CREATE TABLE "very_long_table_name_number_one" ("id" SERIAL NOT NULL, "name" character varying(120) NOT NULL, "body" text, PRIMARY KEY ("id"))',
      'CREATE TABLE "t" ("id" SERIAL NOT NULL, PRIMARY KEY ("id"))',
      "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN 'x'; END $$ LANGUAGE plpgsql",
      "UPDATE t SET a = 'x' -- it's a comment",
      "INSERT INTO t VALUES (E'a\\'b')",
      'not sql at all "unterminated',
    ];
    // Twice: the second round comes from the shape memo.
    for (let round = 0; round < 2; round++) for (const statement of statements) assert.equal(formatSql(statement), direct(statement), statement);
  });
});
