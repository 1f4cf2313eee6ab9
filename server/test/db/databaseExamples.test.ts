// The rules' database examples (MG002 drift, MG003 unknown revision…) as fixture tests: the example's
// head is migrated into a real database by `upgrade`, the example's SQL changes it by hand, and the
// verbs that read the database (`drift`, `current`) must report the code. Messages are kept in
// server/test/core/rules/expected/<CODE>.database.json (MG_UPDATE_EXPECTED=1 rewrites it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import path from 'node:path';
import { currentCommand } from '../../src/cli/commands/current';
import { driftCommand } from '../../src/cli/commands/drift';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { RULES } from '../../src/core/rules';
import { exampleProject, matchSnapshot } from '../core/rules/exampleProject';
import { runVerb } from './cliRun';
import { openTarget, requireTarget, withClient, type Target } from './targets';

describe('rule database examples on postgres', () => {
  let target: Target | null = null;
  before(async () => {
    target = await openTarget('postgres');
  });
  after(async () => {
    await target?.close();
  });

  interface Reported {
    code: string;
    message: string;
    file?: string;
    severity: string;
  }
  /** What the database verbs report for the project: drift's findings and current's. */
  async function reported(root: string, url: string): Promise<Reported[]> {
    const drift = await runVerb(driftCommand, [root, '--database-url', url, '--format', 'json']);
    const current = await runVerb(currentCommand, [root, '--database-url', url, '--format', 'json']);
    const fromDrift = drift.out.trim().startsWith('[') ? (JSON.parse(drift.out) as Reported[]) : [];
    const fromCurrent = current.out.trim().startsWith('{') ? ((JSON.parse(current.out) as { findings: Reported[] }).findings ?? []) : [];
    return [...fromDrift, ...fromCurrent];
  }

  for (const rule of RULES.filter((r) => r.examples.some((e) => e.source === 'database'))) {
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
          assert.deepEqual(await reported(project.root, db.url), [], 'nothing reported before the hand-made change');
          await withClient(db, (client) => client.query(example.sql));
          const findings = (await reported(project.root, db.url)).filter((f) => f.code === rule.code);
          assert.ok(findings.length > 0, `${rule.code} reported after ${example.sql}`);
          assert.ok(findings[0]?.message.startsWith(example.expect), `${findings[0]?.message} starts with ${example.expect}`);
          snapshot[`${index + 1}. ${example.title}`] = findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            ...(f.file ? { at: f.file.split(path.sep).join('/') } : {}),
            message: f.message,
          }));
        } finally {
          project.remove();
        }
      }
      const { expected, actual } = matchSnapshot(`${rule.code}.database`, snapshot);
      assert.deepEqual(actual, expected, `expected/${rule.code}.database.json (MG_UPDATE_EXPECTED=1 rewrites it)`);
    });
  }
});
