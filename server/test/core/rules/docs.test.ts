// docs/rules/ is generated from the records (`npm run docs`): the checked-in pages must be exactly
// what the records produce, and every rule must carry examples and the tests that run them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NOTE_KINDS } from '../../../src/core/noteKinds';
import { RULES } from '../../../src/core/rules';
import { docsFiles, docsPageFor } from '../../../src/core/rules/docsPage';
import { useLocale } from '../../../src/core/locale';
import { explainCommand } from '../../../src/cli/commands/explain';
import { runVerb } from '../../db/cliRun';
import { EXPECTED_DIR } from './exampleProject';

const DOCS = path.resolve(__dirname, '../../../../docs/rules');

describe('docs/rules', () => {
  it('holds exactly the generated pages, in English and Spanish (run `npm run docs` after changing a record)', () => {
    const files = docsFiles();
    const onDisk = readdirSync(DOCS, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.split(path.sep).join('/'))
      .sort();
    assert.deepEqual(onDisk, [...files.keys()].sort(), 'one page per code and note kind in each language, and nothing else');
    assert.ok(files.has('es/DS103.md') && files.has('es/README.md'), 'the Spanish pages are generated too');
    for (const [name, text] of files) assert.equal(readFileSync(path.join(DOCS, name), 'utf8'), text, `docs/rules/${name} is stale: run npm run docs`);
  });

  it('has a page for every code and every note kind', () => {
    for (const rule of RULES) assert.match(docsPageFor(rule.code) ?? '', new RegExp(`^# ${rule.code}: `, 'm'));
    for (const kind of Object.keys(NOTE_KINDS)) assert.match(docsPageFor(kind) ?? '', new RegExp(`^# Note: ${kind}$`, 'm'));
    assert.equal(docsPageFor('ds103'), docsPageFor('DS103'));
    assert.equal(docsPageFor('XX999'), null);
  });

  it('every rule has examples, and their fixture test has run (expected/<CODE>.json covers each example)', () => {
    for (const rule of RULES) {
      assert.ok(rule.examples.length > 0, `${rule.code} has no examples`);
      // Model examples: expected/<CODE>.json (examples.test.ts); database examples: <CODE>.database.json.
      const files = [`${rule.code}.json`, `${rule.code}.database.json`].map((f) => path.join(EXPECTED_DIR, f)).filter((f) => existsSync(f));
      assert.ok(files.length > 0, `${rule.code} has no fixture snapshot in ${EXPECTED_DIR}: its examples are not tested`);
      const covered = files.flatMap((f) => Object.keys(JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>));
      assert.deepEqual(covered.sort(), rule.examples.map((e, i) => `${i + 1}. ${e.title}`).sort(), `${rule.code}: the snapshots cover every example`);
    }
  });

  it('`explain CODE` prints the page; an unknown code is exit 2', async () => {
    const shown = await runVerb(explainCommand, ['mf104']);
    assert.equal(shown.code, 0);
    assert.equal(`${shown.out.trim()}\n`, readFileSync(path.join(DOCS, 'MF104.md'), 'utf8').replace(/^<!--[^\n]*-->\n\n/, ''));
    const listed = await runVerb(explainCommand, []);
    assert.match(listed.out, /^ {2}DS103 +warning +Column dropped$/m);
    useLocale('es');
    try {
      const spanish = await runVerb(explainCommand, ['ds103']);
      assert.equal(`${spanish.out.trim()}\n`, readFileSync(path.join(DOCS, 'es', 'DS103.md'), 'utf8').replace(/^<!--[^\n]*-->\n\n/, ''));
      assert.match(spanish.out, /^# DS103: Columna eliminada$/m);
    } finally {
      useLocale('en');
    }
    const unknown = await runVerb(explainCommand, ['XX1']);
    assert.deepEqual([unknown.code, unknown.out], [2, '']);
    assert.match(unknown.err, /no rule or note kind "XX1"/);
  });
});
