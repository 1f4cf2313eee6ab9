// Runs the scenario oracle: real Flask-Migrate for the base migration, our `revision --autogenerate`
// for the change, real `flask db upgrade` / `downgrade` / `upgrade --sql` on it, and PostgreSQL
// introspection of every resulting schema. Each scenario gets its own PostgreSQL schemas in one
// database, and all scenarios share two Python processes (one per phase) to keep it fast.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parseArgs } from '../../src/cli/args';
import type { CliCommand } from '../../src/cli/command';
import { checkCommand, loadProject } from '../../src/cli/commands/check';
import { revisionCommand } from '../../src/cli/commands/revision';
import { sqlCommand } from '../../src/cli/commands/sql';
import type { Change } from '../../src/core/diff';
import { parseRenameChoice } from '../../src/core/diff';
import type { Finding, RenameChoice } from '../../src/core/findings';
import { formatSchemaJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import { SYSTEM_PYTHON } from '../support/oracles';
import type { TestDatabase } from '../support/pgdb';
import { MODELS_HEADER, type Scenario } from './scenarios/types';

export interface ScenarioOutcome {
  scenario: Scenario;
  problems: string[];
  /** Contract JSON of each schema. */
  before?: string;
  upgraded?: string;
  createAll?: string;
  downgraded?: string;
  ourSql?: string;
  alembicSql?: string;
  survives?: { before: unknown; afterUpgrade: unknown; afterDowngrade: unknown; expectedAfterUpgrade?: unknown; afterUpgradeQuery?: unknown };
  findings: Finding[];
  checkExit?: number;
  checkAfterExit?: number;
  checkAfterOutput?: string;
  revisionText?: string;
  ours: string[];
  alembic: string[];
}

const APP_PY = `import os\nfrom flask import Flask\nfrom flask_migrate import Migrate\nfrom models import db\n\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite://")\ndb.init_app(app)\nmigrate = Migrate(app, db, compare_type=True)\n`;

async function runCli(command: CliCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const args = parseArgs(argv, new Set(['help', ...(command.booleanFlags ?? [])]));
  const code = await command.run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

function runPython(phase: 'before' | 'after', input: unknown): Record<string, Record<string, unknown>> {
  const script = path.join(__dirname, 'scenario_oracle.py');
  const run = spawnSync(SYSTEM_PYTHON, [script, phase], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`scenario_oracle.py ${phase} failed: ${run.stderr.slice(-3000)}`);
  return JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
}

/** Our changes in Alembic's diff vocabulary (see describe_diff in scenario_oracle.py), plus what Alembic has no word for. */
export function ourDiffWords(changes: Change[]): string[] {
  const out: string[] = [];
  const cols = (c: string[] | undefined) => (c ?? []).join(',');
  for (const c of changes) {
    const t = c.table ?? '';
    switch (c.kind) {
      case 'createTable': out.push(`add_table ${t}`, ...(c.tableDef?.indexes ?? []).map((i) => `add_index ${t}.${i.name}`)); break;
      case 'dropTable': out.push(`remove_table ${t}`, ...(c.tableDef?.indexes ?? []).map((i) => `remove_index ${t}.${i.name}`)); break;
      case 'addColumn': out.push(`add_column ${t}.${c.column}`); break;
      case 'dropColumn': out.push(`remove_column ${t}.${c.column}`); break;
      case 'alterColumn':
        if (c.alteration?.type) out.push(`modify_type ${t}.${c.column}`);
        if (c.alteration?.nullable) out.push(`modify_nullable ${t}.${c.column}`);
        if (c.alteration?.default) out.push(`modify_default ${t}.${c.column}`);
        break;
      case 'createIndex': out.push(`add_index ${t}.${c.index?.name}`); break;
      case 'dropIndex': out.push(`remove_index ${t}.${c.index?.name}`); break;
      case 'createUnique': out.push(`add_unique ${t}(${cols(c.key?.columns)})`); break;
      case 'dropUnique': out.push(`remove_unique ${t}(${cols(c.key?.columns)})`); break;
      case 'createForeignKey': out.push(`add_fk ${t}(${cols(c.foreignKey?.columns)})->${c.foreignKey?.refTable}`); break;
      case 'dropForeignKey': out.push(`remove_fk ${t}(${cols(c.foreignKey?.columns)})->${c.foreignKey?.refTable}`); break;
      case 'createCheck': out.push(`add_check ${t}`); break;
      case 'dropCheck': out.push(`remove_check ${t}`); break;
      case 'createPrimaryKey': out.push(`add_pk ${t}(${cols(c.key?.columns)})`); break;
      case 'dropPrimaryKey': out.push(`remove_pk ${t}(${cols(c.key?.columns)})`); break;
      case 'renameColumn': out.push(`rename_column ${t}.${c.renamedFrom}->${c.column}`); break;
      case 'renameTable': out.push(`rename_table ${c.renamedFrom}->${t}`); break;
      case 'createEnum': out.push(`create_enum ${c.enumName}`); break;
      case 'addEnumValues': out.push(`add_enum_values ${c.enumName}`); break;
      case 'recreateEnum': out.push(`recreate_enum ${c.enumName}`); break;
      case 'dropEnum': out.push(`drop_enum ${c.enumName}`); break;
    }
  }
  return out.sort();
}

/** Alembic's items our list does not account for; a chosen rename accounts for the drop + add it replaces. */
export function uncoveredAlembicItems(ours: string[], alembic: string[]): string[] {
  const renamedColumns = ours.map((w) => /^rename_column (\w+)\.(\w+)->(\w+)$/.exec(w)).filter((m) => m !== null);
  const renamedTables = ours.map((w) => /^rename_table (\w+)->(\w+)$/.exec(w)).filter((m) => m !== null);
  return alembic.filter((item) => {
    if (ours.includes(item)) return false;
    if (renamedColumns.some(([, table, from, to]) => item === `remove_column ${table}.${from}` || item === `add_column ${table}.${to}`)) return false;
    return !renamedTables.some(([, from, to]) => new RegExp(`\\b(${from}|${to})\\b`).test(item));
  });
}

function choices(flags: string[] | undefined): RenameChoice[] {
  const out: RenameChoice[] = [];
  for (let i = 0; i + 1 < (flags?.length ?? 0); i += 2) {
    const choice = parseRenameChoice(flags?.[i + 1] as string, flags?.[i] === '--rename-table');
    if (choice) out.push(choice);
  }
  return out;
}

async function onSchema<T>(client: Client, schema: string, fn: () => Promise<T>): Promise<T> {
  await client.query(`SET search_path TO "${schema}"`);
  return fn();
}

export async function runScenarios(db: TestDatabase, scenarios: Scenario[]): Promise<ScenarioOutcome[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'mg-scenarios-'));
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const names = (i: number) => ({ up: `s${i}_up`, down: `s${i}_down`, after: `s${i}_after`, sql: `s${i}_sql`, alsql: `s${i}_alsql` });
    const jobs = scenarios.map((scenario, index) => {
      const dir = path.join(work, `s${index}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'app.py'), APP_PY);
      writeFileSync(path.join(dir, 'models.py'), MODELS_HEADER + scenario.before);
      const afterModels = path.join(work, `s${index}_after_models.py`);
      writeFileSync(afterModels, MODELS_HEADER + scenario.after);
      const url = (schema: string) => `${db.sqlalchemyUrl}?options=-csearch_path%3D${schema}`;
      const n = names(index);
      return { name: scenario.name, index, dir, afterModels, urls: { up: url(n.up), down: url(n.down), after: url(n.after) } };
    });
    for (const [i] of scenarios.entries()) for (const schema of Object.values(names(i))) await client.query(`CREATE SCHEMA "${schema}"`);
    const outcomes: ScenarioOutcome[] = scenarios.map((scenario) => ({ scenario, problems: [], findings: [], ours: [], alembic: [] }));

    const phaseA = runPython('before', jobs);
    for (const [i, scenario] of scenarios.entries()) {
      const outcome = outcomes[i] as ScenarioOutcome;
      const job = jobs[i] as (typeof jobs)[number];
      const result = phaseA[scenario.name] ?? {};
      if (result.error) {
        outcome.problems.push(`base migration: ${String(result.error)}\n${String(result.trace ?? '')}`);
        continue;
      }
      outcome.alembic = (result.alembic as string[]) ?? [];
      const n = names(i);
      outcome.before = await onSchema(client, n.up, async () => formatSchemaJson(await introspectSchema(client, { schemaName: n.up })));
      for (const schema of [n.up, n.down]) for (const sql of scenario.seed ?? []) await onSchema(client, schema, () => client.query(sql));
      if (scenario.survives) outcome.survives = { before: (await onSchema(client, n.up, () => client.query(scenario.survives as string))).rows, afterUpgrade: null, afterDowngrade: null };
      writeFileSync(path.join(job.dir, 'models.py'), MODELS_HEADER + scenario.after);
      const check = await runCli(checkCommand, [job.dir, '--format', 'json']);
      outcome.checkExit = check.code;
      outcome.findings = check.code === 2 ? [] : (JSON.parse(check.out) as Finding[]);
      if (check.code === 2) outcome.problems.push(`check failed: ${check.err}`);
      const loaded = await loadProject(job.dir);
      if (loaded.ok) outcome.ours = ourDiffWords(loaded.analysis.changesWith(choices(scenario.renames)).changes);
      const revision = await runCli(revisionCommand, [job.dir, '-m', 'the change', '--autogenerate', ...(scenario.renames ?? [])]);
      if (revision.code !== 0) outcome.problems.push(`revision failed: ${revision.err}`);
      const versions = path.join(job.dir, 'migrations', 'versions');
      const ours = readdirSync(versions).filter((f) => f.endsWith('_the_change.py'));
      if (ours.length !== 1) outcome.problems.push(`expected one revision file, found ${ours.join(', ') || 'none'}`);
      else outcome.revisionText = readFileSync(path.join(versions, ours[0] as string), 'utf8');
    }

    const phaseB = runPython('after', jobs.filter((_, i) => (outcomes[i] as ScenarioOutcome).problems.length === 0));
    for (const [i, scenario] of scenarios.entries()) {
      const outcome = outcomes[i] as ScenarioOutcome;
      if (outcome.problems.length > 0) continue;
      const job = jobs[i] as (typeof jobs)[number];
      const result = phaseB[scenario.name] ?? {};
      if (result.error) {
        outcome.problems.push(`flask db upgrade/downgrade: ${String(result.error)}\n${String(result.trace ?? '')}`);
        continue;
      }
      const n = names(i);
      const json = (schema: string) => onSchema(client, schema, async () => formatSchemaJson(await introspectSchema(client, { schemaName: schema })));
      outcome.upgraded = await json(n.up);
      outcome.createAll = await json(n.after);
      outcome.downgraded = await json(n.down);
      if (outcome.survives) {
        outcome.survives.afterDowngrade = (await onSchema(client, n.down, () => client.query(scenario.survives as string))).rows;
        outcome.survives.afterUpgrade = scenario.survivesAfterUpgrade ? null : (await onSchema(client, n.up, () => client.query(scenario.survives as string))).rows;
      }
      if (scenario.survivesAfterUpgrade) {
        outcome.survives ??= { before: null, afterUpgrade: null, afterDowngrade: null };
        outcome.survives.afterUpgradeQuery = (await onSchema(client, n.up, () => client.query(scenario.survivesAfterUpgrade as string))).rows;
      }
      const after = await runCli(checkCommand, [job.dir]);
      outcome.checkAfterExit = after.code;
      outcome.checkAfterOutput = after.out + after.err;
      const ourSql = await runCli(sqlCommand, [job.dir, 'base:head']);
      if (ourSql.code !== 0) outcome.problems.push(`sql failed: ${ourSql.err}`);
      try {
        await onSchema(client, n.sql, () => client.query(ourSql.out));
        outcome.ourSql = await json(n.sql);
      } catch (error) {
        await client.query('ROLLBACK');
        outcome.problems.push(`our SQL failed on PostgreSQL: ${(error as Error).message}\n${ourSql.out}`);
      }
      try {
        await onSchema(client, n.alsql, () => client.query(String(result.offlineSql)));
        outcome.alembicSql = await json(n.alsql);
      } catch (error) {
        await client.query('ROLLBACK');
        outcome.problems.push(`flask db upgrade --sql output failed on PostgreSQL: ${(error as Error).message}`);
      }
    }
    return outcomes;
  } finally {
    await client.end();
    rmSync(work, { recursive: true, force: true });
  }
}
