// check's CI formats on a real project (test-fixtures/classic with risky model edits): SARIF validated
// against the official SARIF 2.1.0 schema (vendored, see test/support/schemas/README.md) with Ajv;
// github and markdown against golden files in expected/ (MG_UPDATE_EXPECTED=1 rewrites them).
// --fail-on decides the exit status.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { checkCommand } from '../../src/cli/commands/check';
import { RULES } from '../../src/core/rules';
import { runVerb } from '../db/cliRun';
import { golden, riskyModels } from './support';

const CLASSIC = path.resolve(__dirname, '../../../test-fixtures/classic');
const DOCS_URL = 'https://docs.example.org/migration-guard/rules';

describe('check --format sarif|github|markdown and --fail-on', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mg-ci-'));
    cpSync(CLASSIC, dir, { recursive: true, filter: (s) => !s.includes('__pycache__') });
    writeFileSync(path.join(dir, 'models.py'), riskyModels(readFileSync(path.join(dir, 'models.py'), 'utf8')));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SARIF 2.1.0 validates against the official schema, with rule metadata from the records and text-edit fixes', async () => {
    const run = await runVerb(checkCommand, [dir, '--format', 'sarif']);
    assert.equal(run.code, 1, run.err);
    const log = JSON.parse(run.out) as {
      runs: {
        tool: { driver: { rules: { id: string; helpUri?: string; help: { markdown: string } }[] } };
        results: { ruleId: string; fixes?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../support/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // unicodeRegExp off: the official schema's `language` pattern is only valid as a non-unicode RegExp.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    // A broken log must fail the same validator (the check can fail).
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    const driver = log.runs[0]!.tool.driver;
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      RULES.map((r) => r.code),
    );
    for (const rule of driver.rules) {
      assert.match(rule.helpUri ?? '', new RegExp(`^file://.*/docs/rules/${rule.id}\\.md$`));
      assert.match(rule.help.markdown, new RegExp(`^# ${rule.id}: `, 'm'));
    }
    const results = log.runs[0]!.results;
    assert.deepEqual([...new Set(results.map((r) => r.ruleId))].sort(), ['DS103', 'MF103', 'MF105', 'MG001', 'PG101', 'PG301']);
    assert.ok(results.every((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === 'models.py'));
    const mf103 = results.find((r) => r.ruleId === 'MF103') as {
      fixes: { description: { text: string }; artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
    };
    assert.deepEqual(
      mf103.fixes.map((f) => f.artifactChanges[0]?.replacements[0]?.insertedContent.text),
      [', server_default="0"', '    # migration-guard: ignore MF103\n'],
    );
  });

  it('--format github prints workflow-command annotations (golden file)', async () => {
    const run = await runVerb(checkCommand, [dir, '--format', 'github']);
    assert.equal(run.code, 1, run.err);
    assert.equal(run.out, golden('check.github.txt', run.out));
    assert.match(run.out, /^::warning file=models\.py,line=\d+,col=7,endColumn=11,title=DS103 Column dropped::/m);
  });

  it('--format markdown prints a PR comment: findings, rows at risk, fixes (golden file)', async () => {
    const run = await runVerb(checkCommand, [dir, '--format', 'markdown', '--docs-url', DOCS_URL]);
    assert.equal(run.code, 1, run.err);
    assert.equal(run.out, golden('check.md', run.out));
    assert.match(run.out, new RegExp(`\\[DS103\\]\\(${DOCS_URL}/DS103\\.md\\)`));
  });

  it('--fail-on: a code or a severity decides the exit status; a typo is a usage error', async () => {
    assert.equal((await runVerb(checkCommand, [dir, '--fail-on', 'error'])).code, 0, 'no error-level finding');
    assert.equal((await runVerb(checkCommand, [dir, '--fail-on', 'warning'])).code, 1);
    assert.equal((await runVerb(checkCommand, [dir, '--fail-on', 'BC101,ds102'])).code, 0, 'none of these codes');
    assert.equal((await runVerb(checkCommand, [dir, '--fail-on', 'DS103'])).code, 1);
    assert.equal((await runVerb(checkCommand, [dir, '--fail-on', 'none'])).code, 0);
    const typo = await runVerb(checkCommand, [dir, '--fail-on', 'DS10']);
    assert.equal(typo.code, 2);
    assert.match(typo.err, /--fail-on takes finding codes/);
    const format = await runVerb(checkCommand, [dir, '--format', 'xml']);
    assert.equal(format.code, 2);
  });
});
