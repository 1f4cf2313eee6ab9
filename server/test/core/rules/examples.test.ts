// Deliver 3 of issue 15: every rule's examples are fixture tests through the real pipeline. The bad
// edit raises the findings its `# ^^^ CODE` markers name, at those places; the good edit raises only
// what its markers name. Messages and fixes are kept in expected/<CODE>.json (MG_UPDATE_EXPECTED=1
// rewrites them). MG002's examples need a database: server/test/db/databaseExamples.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MODEL_RULES } from '../../../src/core/rules';
import { actualMarks, exampleProject, expectedMarks, matchSnapshot, modelsText, snapshotOf } from './exampleProject';

describe('rule examples through the real pipeline', () => {
  for (const rule of MODEL_RULES.filter((r) => r.examples.some((e) => e.source === 'models'))) {
    it(`${rule.code} (${rule.name})`, async () => {
      const snapshot: Record<string, unknown> = {};
      for (const [index, example] of rule.examples.entries()) {
        if (example.source !== 'models') continue;
        const project = await exampleProject(example.head);
        try {
          const bad = await project.findings(example.bad);
          assert.deepEqual(
            actualMarks(bad, project.modelsFile, rule.code),
            expectedMarks(modelsText(example.bad)),
            `${rule.code} example ${index + 1} (${example.title}), bad edit`,
          );
          assert.ok(
            bad.some((f) => f.code === rule.code),
            `${rule.code} example ${index + 1}: the bad edit raises ${rule.code}`,
          );
          for (const finding of bad.filter((f) => f.code === rule.code)) {
            for (const fix of finding.fixes) assert.ok(rule.fixes.includes(fix.kind), `${rule.code} offers ${fix.kind}, which its record does not list`);
          }
          const good = await project.findings(example.good, example.goodRenames);
          assert.deepEqual(
            actualMarks(good, project.modelsFile, rule.code),
            expectedMarks(modelsText(example.good)),
            `${rule.code} example ${index + 1} (${example.title}), good edit`,
          );
          assert.ok(!good.some((f) => f.code === rule.code), `${rule.code} example ${index + 1}: the good edit raises no ${rule.code}`);
          snapshot[`${index + 1}. ${example.title}`] = { bad: snapshotOf(bad, project.root), good: snapshotOf(good, project.root) };
        } finally {
          project.remove();
        }
      }
      const { expected, actual } = matchSnapshot(rule.code, snapshot);
      assert.deepEqual(actual, expected, `expected/${rule.code}.json (MG_UPDATE_EXPECTED=1 rewrites it)`);
    });
  }
});

describe('history examples through the real pipeline', () => {
  for (const rule of MODEL_RULES.filter((r) => r.examples.some((e) => e.source === 'history'))) {
    it(`${rule.code} (${rule.name})`, async () => {
      const snapshot: Record<string, unknown> = {};
      for (const [index, example] of rule.examples.entries()) {
        if (example.source !== 'history') continue;
        const project = await exampleProject(example.head);
        try {
          // Each branch's revision on the head's revision (aaaa00000001, written by exampleProject).
          example.branches.forEach((message, i) => {
            const revision = `bbbb0000000${i + 1}`;
            const body = `revision = '${revision}'\ndown_revision = 'aaaa00000001'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`;
            writeFileSync(
              path.join(project.root, 'migrations', 'versions', `${revision}_branch.py`),
              `"""${message}\n\nRevision ID: ${revision}\nRevises: aaaa00000001\n"""\n${body}`,
            );
          });
          const findings = await project.findings(example.head);
          const own = findings.filter((f) => f.code === rule.code);
          assert.equal(own.length, example.branches.length, `${rule.code} example ${index + 1}: one finding at each head`);
          for (const finding of own) assert.ok(finding.message.startsWith(example.expect), finding.message);
          snapshot[`${index + 1}. ${example.title}`] = snapshotOf(findings, project.root);
        } finally {
          project.remove();
        }
      }
      const { expected, actual } = matchSnapshot(rule.code, snapshot);
      assert.deepEqual(actual, expected, `expected/${rule.code}.json (MG_UPDATE_EXPECTED=1 rewrites it)`);
    });
  }
});
