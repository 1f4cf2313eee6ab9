// The shared test workspaces under test-fixtures/. A fixture whose history does not start from an empty
// database (its first revisions alter tables that `create_all` made before the project was stamped) says
// so in its fixture.json: { "upgradesFromEmpty": false, "why": "..." }. Real `flask db upgrade` fails on
// an empty database there too, so the tests that upgrade from base leave it out. A fixture whose revision
// files name types the replay cannot read says { "replaysExactly": false, "why": "..." }: our replay and
// our upgrade refuse to guess there, so the tests comparing them with real Alembic leave it out too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../../../test-fixtures');

interface FixtureFacts {
  upgradesFromEmpty?: boolean;
  replaysExactly?: boolean;
  /** Its revisions are named by the app's naming_convention (target_metadata): only the app's env.py runs them as written. */
  namesThroughTargetMetadata?: boolean;
}

function factsOf(name: string): FixtureFacts {
  const file = path.join(FIXTURES_DIR, name, 'fixture.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FixtureFacts) : {};
}

/** Fixtures with a Flask-Migrate `migrations/versions` folder whose history an empty database can be upgraded through, by real Alembic and by ours. */
export function historyFixturesFromEmpty(): string[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(path.join(FIXTURES_DIR, name, 'migrations', 'versions')))
    .filter((name) => factsOf(name).upgradesFromEmpty !== false && factsOf(name).replaysExactly !== false)
    .sort();
}

/** historyFixturesFromEmpty, less those whose names come from the app's target_metadata (a plain env.py does not have it). */
export function plainAlembicFixtures(): string[] {
  return historyFixturesFromEmpty().filter((name) => factsOf(name).namesThroughTargetMetadata !== true);
}
