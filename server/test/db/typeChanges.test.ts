// What each column type change does to stored values on real PostgreSQL, measured: every sample
// value of the old type goes alone into a table, the ALTER our revision would write runs (USING only
// where we write one, or the hand-written one the pair names), and the value is read back in the old
// type. "kept", "refused" (the migration fails, nothing is lost) or "changed" (it succeeds, and the
// value is different: data lost). The table is docs/type-changes.md; the classification that MF105,
// the revision header and `destructive` use (core/rules/typeChanges.ts) must agree with every row.
// MG_UPDATE_EXPECTED=1 rewrites the docs table from the run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { needsUsingCast, quoteIdent, quoteLiteral, usingCast } from '../../src/core/render/sqlNames';
import { typeChangeEffect, type TypeChangeEffect } from '../../src/core/rules/typeChanges';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { TYPE_CHANGE_PAIRS, type TypeChangePair } from './typeChangePairs';

const DOC = path.join(__dirname, '..', '..', '..', 'docs', 'type-changes.md');

type Fate = { kind: 'kept' } | { kind: 'refused'; message: string } | { kind: 'changed'; after: string };
interface Observed {
  pair: TypeChangePair;
  sql: string;
  fates: { sample: string; before: string; fate: Fate }[];
  effect: TypeChangeEffect['effect'];
}

function alterSql(pair: TypeChangePair): string[] {
  const enums = new Set(Object.keys(pair.enums ?? {}));
  if (pair.enumAfter) {
    const name = quoteIdent(pair.to);
    return [
      `ALTER TYPE ${name} RENAME TO ${quoteIdent(`${pair.to}_old`)}`,
      `CREATE TYPE ${name} AS ENUM (${pair.enumAfter.map(quoteLiteral).join(', ')})`,
      `ALTER TABLE t ALTER COLUMN v TYPE ${name} USING v::text::${name}`,
      `DROP TYPE ${quoteIdent(`${pair.to}_old`)}`,
    ];
  }
  const typeSql = (t: string) => (enums.has(t) ? quoteIdent(t) : t);
  const using = pair.using ?? (needsUsingCast(pair.from, pair.to, enums) ? usingCast('v', pair.from, pair.to, enums) : null);
  return [`ALTER TABLE t ALTER COLUMN v TYPE ${typeSql(pair.to)}${using ? ` USING ${using}` : ''}`];
}

async function observe(client: Client, pair: TypeChangePair): Promise<Observed> {
  const statements = alterSql(pair);
  const fates: Observed['fates'] = [];
  const fromSql = pair.enums?.[pair.from] ? quoteIdent(pair.from) : pair.from;
  for (const sample of pair.samples) {
    await client.query('BEGIN');
    try {
      for (const [name, labels] of Object.entries(pair.enums ?? {}))
        await client.query(`CREATE TYPE ${quoteIdent(name)} AS ENUM (${labels.map(quoteLiteral).join(', ')})`);
      await client.query(`CREATE TABLE t (v ${fromSql})`);
      await client.query(`INSERT INTO t VALUES (${sample})`);
      const before = (await client.query<{ v: string }>('SELECT v::text AS v FROM t')).rows[0]?.v as string;
      await client.query('SAVEPOINT alter_it');
      let fate: Fate;
      try {
        for (const statement of statements) await client.query(statement);
        // Read back in the old type and compare as values (12.5 = 12.50); json has no equality, and
        // the old enum is gone: those compare as text.
        const asText = pair.enums?.[pair.from] !== undefined || pair.from === 'json';
        const same = asText ? `v::text = ${quoteLiteral(before)}` : `v::${pair.from} IS NOT DISTINCT FROM (${sample})::${pair.from}`;
        await client.query('SAVEPOINT read_back');
        const read = await client.query<{ same: boolean; now: string }>(`SELECT ${same} AS same, v::text AS now FROM t`).catch(async () => {
          await client.query('ROLLBACK TO SAVEPOINT read_back');
          return null;
        });
        const row = read?.rows[0];
        fate =
          row?.same === true
            ? { kind: 'kept' }
            : { kind: 'changed', after: row?.now ?? (await client.query<{ now: string }>('SELECT v::text AS now FROM t')).rows[0]?.now ?? '?' };
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT alter_it');
        fate = { kind: 'refused', message: (error as Error).message };
      }
      fates.push({ sample, before, fate });
    } finally {
      await client.query('ROLLBACK');
    }
  }
  const effect = fates.some((f) => f.fate.kind === 'changed') ? 'changes' : fates.some((f) => f.fate.kind === 'refused') ? 'refuses' : 'none';
  return { pair, sql: statements.join('; '), fates, effect };
}

const WORDS: Record<TypeChangeEffect['effect'], string> = {
  none: 'every value kept',
  refuses: '**fails** if a value does not fit — PostgreSQL refuses, nothing is lost',
  changes: '**DESTROYS DATA**: succeeds and changes values',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(observed: Observed[]): string {
  const lines = [
    '# What a column type change does on PostgreSQL',
    '',
    'Generated by `server/test/db/typeChanges.test.ts` on a real PostgreSQL (`MG_UPDATE_EXPECTED=1 node scripts/run-tests.mjs db/typeChanges` rewrites it).',
    'Each sample value is stored alone, the `ALTER` a Migration Guard revision writes runs (a `USING` only where the revision writes one,',
    'or the hand-written one named in the row), and the value is read back in the old type.',
    '',
    '- **fails**: PostgreSQL refuses the `ALTER` when one value does not fit. The migration fails and rolls back: nothing is lost.',
    '  MF105 says "fails if any value does not fit"; it is not a data-loss warning (`destructive: false`).',
    '- **DESTROYS DATA**: the `ALTER` succeeds and values come out different (rounded, truncated, time of day dropped).',
    '  MF105 is a data-loss warning (`destructive: true`), and the revision names it under "DESTROYS OR REWRITES DATA".',
    '',
    '| from | to | what happens | samples (value → outcome) | SQL |',
    '|---|---|---|---|---|',
  ];
  for (const o of observed) {
    const samples = o.fates.map((f) => {
      const fate = f.fate.kind === 'kept' ? 'kept' : f.fate.kind === 'refused' ? `refused (${f.fate.message})` : `→ \`${f.fate.after}\``;
      return `\`${f.before}\` ${fate}`;
    });
    const to = o.pair.enumAfter ? `${o.pair.to} (${o.pair.enumAfter.join(', ')})` : o.pair.to;
    const from = o.pair.enums?.[o.pair.from] ? `${o.pair.from} (${(o.pair.enums[o.pair.from] as string[]).join(', ')})` : o.pair.from;
    lines.push(
      `| ${cell(from)} | ${cell(to)} | ${WORDS[o.effect]}${o.pair.note ? ` (${cell(o.pair.note)})` : ''} | ${cell(samples.join('<br>'))} | \`${cell(o.sql)}\` |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('type changes on PostgreSQL: kept, refused or changed', () => {
  let db: TestDatabase | undefined;
  let client: Client | undefined;
  const observed: Observed[] = [];
  before(async () => {
    if ((await postgresProblem()) !== null) return;
    db = await createTestDatabase('mg_types');
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`SET TimeZone = 'UTC'`);
    for (const pair of TYPE_CHANGE_PAIRS) observed.push(await observe(client, pair));
    if (process.env.MG_UPDATE_EXPECTED === '1') writeFileSync(DOC, table(observed));
  });
  after(async () => {
    await client?.end();
    await db?.drop();
  });

  it('the checked-in docs/type-changes.md is what PostgreSQL does (MG_UPDATE_EXPECTED=1 regenerates it)', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    assert.equal(readFileSync(DOC, 'utf8'), table(observed));
  });

  it('the classification MF105 and `destructive` use agrees with PostgreSQL on every pair', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const disagree = observed.flatMap((o) => {
      const enums = new Set(Object.keys(o.pair.enums ?? {}));
      const ours = o.pair.enumAfter
        ? typeChangeEffect(o.pair.from, o.pair.to, enums, { labelsRemoved: (o.pair.enums?.[o.pair.from] ?? []).filter((l) => !o.pair.enumAfter?.includes(l)) })
        : typeChangeEffect(o.pair.from, o.pair.to, enums, {
            ...(o.pair.using ? { using: o.pair.using } : {}),
            ...(o.pair.enums?.[o.pair.from] ? { fromLabels: o.pair.enums[o.pair.from] } : {}),
          });
      return ours.effect === o.effect
        ? []
        : [`${o.pair.from} → ${o.pair.to}${o.pair.using ? ` USING ${o.pair.using}` : ''}: PostgreSQL ${o.effect}, ours ${ours.effect} (${ours.reason})`];
    });
    assert.deepEqual(disagree, []);
  });
});
