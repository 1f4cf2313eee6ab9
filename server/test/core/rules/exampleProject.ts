// Runs a rule record's examples through the real pipeline: a Flask-Migrate project (test-fixtures/
// classic's migrations folder, no revisions) whose first revision is written by Create Migration from
// the example's `head` models, then the models replaced by `bad` / `good` and analysed from disk.
// `# ^^^ CODE` markers under a line say which findings point there (column = the first caret).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, RenameChoice } from '../../../src/core/findings';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { planMigration } from '../../../src/core/project/createMigration';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { findingsFor } from '../../../src/core/rules';
import { EXAMPLE_PREAMBLE } from '../../../src/core/rules/docsPage';

const CLASSIC_MIGRATIONS = path.resolve(__dirname, '../../../../test-fixtures/classic/migrations');
export const EXPECTED_DIR = path.join(__dirname, 'expected');
export const UPDATE_EXPECTED = process.env.MG_UPDATE_EXPECTED === '1';

const MARKER = /^\s*#(\s*)(\^+)\s+([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)\s*$/;

/** models.py as written for an example: the preamble, then the classes. */
export const modelsText = (body: string) => `${EXAMPLE_PREAMBLE}\n${body.replace(/^\n+/, '\n\n')}`;

/** `line:character CODE` for every marker of a models.py text (lines from zero, as findings). */
export function expectedMarks(text: string): string[] {
  const lines = text.split('\n');
  const marks: string[] = [];
  let target = -1;
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) {
      target = index;
      return;
    }
    const character = line.indexOf('^');
    for (const code of (match[3] as string).split(/\s*,\s*/)) marks.push(`${target}:${character} ${code}`);
  });
  return marks.sort();
}

export function actualMarks(findings: readonly Finding[], file: string, own: string): string[] {
  return findings
    .filter((f) => f.file === file && (f.code !== 'MG001' || own === 'MG001'))
    .map((f) => `${f.range.start.line}:${f.range.start.character} ${f.code}`)
    .sort();
}

export interface ExampleProject {
  root: string;
  modelsFile: string;
  /** Writes models.py and analyses the project from disk, with the renames the user accepted. */
  findings(body: string, renames?: RenameChoice[]): Promise<Finding[]>;
  remove(): void;
}

/** A project whose migration head is `head` (written by Create Migration, as a user would). */
export async function exampleProject(head: string): Promise<ExampleProject> {
  await initPythonParser();
  const root = mkdtempSync(path.join(tmpdir(), 'mg-example-'));
  cpSync(CLASSIC_MIGRATIONS, path.join(root, 'migrations'), {
    recursive: true,
    filter: (source) => !source.includes('versions') && !source.includes('__pycache__'),
  });
  mkdirSync(path.join(root, 'migrations', 'versions'));
  const modelsFile = path.join(root, 'models.py');
  const analyse = () => {
    const location = discoverProjects(root).find((p) => p.root === root);
    if (!location) throw new Error(`no project found in ${root}`);
    return new ProjectAnalysis(location, { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null) });
  };
  writeFileSync(modelsFile, modelsText(head));
  const plan = planMigration(analyse(), { message: 'head', renames: [], revisionId: 'aaaa00000001', createDate: new Date('2024-01-01T00:00:00Z') });
  if (!plan.ok) throw new Error(`the example's head does not make a migration: ${plan.message}`);
  writeFileSync(plan.path, plan.text);
  return {
    root,
    modelsFile,
    async findings(body, renames = []) {
      writeFileSync(modelsFile, modelsText(body));
      const analysis = analyse();
      const result = analysis.result();
      const blocking = result.notes.filter((n) => n.severity === 'error');
      if (blocking.length > 0) throw new Error(`the example does not analyse cleanly: ${blocking.map((n) => n.message).join('; ')}`);
      if (renames.length === 0) return result.findings;
      return findingsFor({
        models: result.modelSchema,
        head: result.headSchema,
        renames,
        readText: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined),
      }).findings;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The part of a finding a snapshot keeps: what the user reads and can do. */
export function snapshotOf(findings: readonly Finding[], root: string) {
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    at: `${path.relative(root, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    destructive: f.destructive,
    message: f.message,
    fixes: f.fixes.map((x) => `${x.kind}: ${x.title}`),
  }));
}

/** Compares with (or, with MG_UPDATE_EXPECTED=1, rewrites) expected/<name>.json. */
export function matchSnapshot(name: string, value: unknown): { expected: unknown; actual: unknown } {
  const file = path.join(EXPECTED_DIR, `${name}.json`);
  const actual = JSON.parse(JSON.stringify(value)) as unknown;
  if (UPDATE_EXPECTED) {
    mkdirSync(EXPECTED_DIR, { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  }
  if (!existsSync(file)) throw new Error(`${path.relative(process.cwd(), file)} is missing: run the test with MG_UPDATE_EXPECTED=1 and review it`);
  return { expected: JSON.parse(readFileSync(file, 'utf8')) as unknown, actual };
}
