// The database rules' examples (MG002) as fixture tests: the example's head is migrated into a real
// database by `upgrade`, the example's SQL changes it by hand, and `drift` must report it. Messages
// are kept in server/test/core/rules/expected/<CODE>.json (MG_UPDATE_EXPECTED=1 rewrites it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import path from 'node:path';
import { driftCommand } from '../../src/cli/commands/drift';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { RULES } from '../../src/core/rules';
import { exampleProject, matchSnapshot } from '../core/rules/exampleProject';
import { runVerb } from './cliRun';
import { openTarget, requireTarget, withClient, type Target } from './targets';

describe('database rule examples on postgres', () => {
  let target: Target | null = null;
  before(async () => {
    target = await openTarget('postgres');
  });
  after(async () => {
    await target?.close();
  });

  for (const rule of RULES.filter((r) => r.source === 'database')) {
    test(`${rule.code} (${rule.name})`, async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      const snapshot: Record<string, unknown> = {};
      for (const [index, example] of rule.examples.entries()) {
        if (example.source !== 'database') continue;
        await db.reset();
        const project = await exampleProject(example.head);
        try {
          const upgraded = await runVerb(upgradeCommand, [project.root, '--database-url', db.url, '--executor', 'native']);
          assert.equal(upgraded.code, 0, upgraded.err);
          assert.equal((await runVerb(driftCommand, [project.root, '--database-url', db.url])).code, 0, 'no drift before the hand-made change');
          await withClient(db, (client) => client.query(example.sql));
          const drift = await runVerb(driftCommand, [project.root, '--database-url', db.url, '--format', 'json']);
          assert.equal(drift.code, 1, drift.err);
          const findings = JSON.parse(drift.out) as { code: string; message: string; file: string; severity: string }[];
          assert.ok(findings.length > 0 && findings.every((f) => f.code === rule.code), drift.out);
          assert.ok(findings[0]?.message.startsWith(example.expect), `${findings[0]?.message} starts with ${example.expect}`);
          snapshot[`${index + 1}. ${example.title}`] = findings.map((f) => ({ code: f.code, severity: f.severity, at: f.file.split(path.sep).join('/'), message: f.message }));
        } finally {
          project.remove();
        }
      }
      const { expected, actual } = matchSnapshot(rule.code, snapshot);
      assert.deepEqual(actual, expected, `expected/${rule.code}.json (MG_UPDATE_EXPECTED=1 rewrites it)`);
    });
  }
});
