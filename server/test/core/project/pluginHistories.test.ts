// Plugin histories (issue 11, class 2: several histories on one database). CTFd's plugins keep their
// own migrations folders, upgraded by the app after the core's: the head the models are compared
// with includes them, while new revisions and the database verbs stay on the core's history.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/plugin-histories');

async function run(command: CliCommand, argv: string[]) {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('plugin histories replayed after the core history', () => {
  let scratch = '';
  before(async () => initPythonParser());
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("the head includes the plugin's changes: no drop of the renamed column, a note says the plugin history was replayed", () => {
    const [location] = discoverProjects(FIXTURE);
    assert.ok(location);
    const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
    assert.deepEqual(Object.keys(result.headSchema.tables.badges?.columns ?? {}).sort(), ['badge_points', 'id']);
    assert.deepEqual(result.findings, []);
    const note = result.notes.find((n) => n.kind === 'plugin-history');
    assert.match(note?.message ?? '', /arena[\\/]plugins[\\/]badges[\\/]migrations .* replayed to its head 7e8f9a0b1c2d/);
    // The core's history alone is what the database verbs and `history` see.
    assert.deepEqual(result.heads, ['1a2b3c4d5e6f']);
  });

  it('schema --from migrations gives the same head; check is in sync', async () => {
    const schema = await run(schemaCommand, [FIXTURE, '--from', 'migrations', '--format', 'json']);
    assert.equal(schema.code, 0, schema.err);
    const tables = (JSON.parse(schema.out) as { tables: Record<string, { columns: object }> }).tables;
    assert.deepEqual(Object.keys(tables.badges?.columns ?? {}).sort(), ['badge_points', 'id']);
    const check = await run(checkCommand, [FIXTURE]);
    assert.equal(check.code, 0, check.out + check.err);
  });

  it("a new revision goes on the core's head and holds only the model change", async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'mg-plugin-histories-'));
    cpSync(FIXTURE, scratch, { recursive: true });
    const models = path.join(scratch, 'arena', 'models.py');
    writeFileSync(
      models,
      readFileSync(models, 'utf8').replace(
        '    name = db.Column(db.String(80))\n',
        '    name = db.Column(db.String(80))\n    hidden = db.Column(db.Boolean)\n',
      ),
    );
    const revision = await run(revisionCommand, [scratch, '-m', 'hidden', '--autogenerate']);
    assert.equal(revision.code, 0, revision.err);
    const versions = path.join(scratch, 'migrations', 'versions');
    const text = readFileSync(path.join(versions, readdirSync(versions).find((f) => f.endsWith('_hidden.py')) as string), 'utf8');
    assert.match(text, /^down_revision = '1a2b3c4d5e6f'$/m);
    assert.match(text, /add_column\(sa\.Column\('hidden', sa\.Boolean\(\), nullable=True\)\)/);
    assert.doesNotMatch(text, /badge|points/);
  });
});
