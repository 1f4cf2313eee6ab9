// Issue 11: a type change on both ends of a foreign key, pending in the models. PostgreSQL checks the
// key's pair of types at every ALTER COLUMN ... TYPE, so Alembic's revision (the two alters alone)
// fails at the first; ours drops the key before the type changes and creates it again after them,
// in upgrade and downgrade. Real `flask db upgrade` and `downgrade` run our revision on PostgreSQL;
// the seeded rows survive both. A change that keeps the pair compatible (integer -> bigint on both
// ends) is written as plain alters, as Alembic writes it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { needsPythonAndPostgres, postgresProblem, pythonOracleProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { runScenarios, type ScenarioOutcome } from './scenarioRunner';
import { py, type Scenario } from './scenarios/types';

const models = (keyType: string) => py`
class Author(db.Model):
    __tablename__ = "author"
    code = sa.Column(${keyType}, primary_key=True, autoincrement=False)
    name = sa.Column(sa.String(80))

class Book(db.Model):
    __tablename__ = "book"
    id = sa.Column(sa.Integer, primary_key=True)
    author_code = sa.Column(${keyType}, sa.ForeignKey("author.code"), nullable=False)
`;

const seed = ["INSERT INTO author (code, name) VALUES (1, 'Ada'), (2, 'Grace')", 'INSERT INTO book (id, author_code) VALUES (10, 1), (11, 2), (12, 2)'];
const survives = 'SELECT b.id, b.author_code::text AS author, a.name FROM book b JOIN author a ON a.code = b.author_code ORDER BY b.id';

const scenarios: Scenario[] = [
  {
    name: 'foreign key pair changed from integer to varchar on both ends',
    before: models('sa.Integer'),
    after: models('sa.String(36)'),
    seed,
    survives,
    expect: [],
    // Plain ops or batch blocks (the scenario project renders as batch), in this order in each function.
    revisionMatches: [
      /foreign keys dropped before the type changes and created again after them .*book\.book_author_code_fkey/,
      /def upgrade[\s\S]*drop_constraint\((?:(?:batch_)?op\.f\()?'book_author_code_fkey'[\s\S]*alter_column\('code'[\s\S]*alter_column\('author_code'[\s\S]*create_foreign_key\((?:(?:batch_)?op\.f\()?'book_author_code_fkey'\)?, 'author', \['author_code'\], \['code'\]\)[\s\S]*def downgrade/,
      /def downgrade[\s\S]*drop_constraint\((?:(?:batch_)?op\.f\()?'book_author_code_fkey'[\s\S]*alter_column[\s\S]*alter_column[\s\S]*create_foreign_key\((?:(?:batch_)?op\.f\()?'book_author_code_fkey'/,
    ],
  },
  {
    name: 'foreign key pair widened from integer to bigint on both ends (no re-creation needed)',
    before: models('sa.Integer'),
    after: models('sa.BigInteger'),
    seed,
    survives,
    expect: [],
  },
];

describe('foreign key type changes under real Flask-Migrate on PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let outcomes: ScenarioOutcome[] = [];
  before(async () => {
    if (pythonOracleProblem() !== null || (await postgresProblem()) !== null) return;
    db = await createTestDatabase('mg_fk_type_change');
    outcomes = await runScenarios(db, scenarios);
  });
  after(async () => {
    await db?.drop();
  });

  for (const [index, scenario] of scenarios.entries()) {
    it(scenario.name, async (t) => {
      if (await needsPythonAndPostgres(t)) return;
      const o = outcomes[index] as ScenarioOutcome;
      assert.deepEqual(o.problems, [], o.problems.join('\n'));
      assert.equal(o.upgraded, o.createAll, `flask db upgrade must equal create_all(after)\n--- revision ---\n${o.revisionText}`);
      assert.deepEqual(
        JSON.parse(o.downgraded ?? 'null'),
        JSON.parse(o.before ?? 'null'),
        `flask db downgrade must equal the schema before\n${o.revisionText}`,
      );
      assert.deepEqual(o.survives?.afterUpgrade, o.survives?.before, 'rows survive the upgrade');
      assert.deepEqual(o.survives?.afterDowngrade, o.survives?.before, 'rows survive the downgrade');
      for (const pattern of scenario.revisionMatches ?? []) assert.match(o.revisionText ?? '', pattern);
      assert.equal(o.checkAfterExit, 0, `check after the upgrade must say in sync:\n${o.checkAfterOutput}`);
      if (index === 0) {
        // The problem is real: Alembic's own revision, the two alters alone, is refused by PostgreSQL.
        assert.match(o.alembicOwn?.error ?? '', /incompatible types|cannot be implemented/);
        assert.doesNotMatch(o.revisionText ?? '', /FAILS: the models pair types/);
      } else {
        assert.equal(o.alembicOwn?.error ?? null, null);
        assert.doesNotMatch(o.revisionText ?? '', /drop_constraint|create_foreign_key/);
      }
    });
  }
});
