// The CLI's `--format json` output, declared once (as protocol.ts declares the LSP messages): a type and
// a JSON Schema per verb. The verbs build their output as these types; the client reads them through
// these types; server/test/cli/jsonContract.test.ts runs every verb and validates its stdout against
// the schema. Direction: CLI (stdout) → client / scripts. Lines and characters count from zero.
import type { Finding } from './core/findings';
import type { RevisionEntry } from './core/history/listing';
import type { SchemaJson as NormalizedSchemaJson } from './core/schema/json';
import type { ExecutionResult } from './db/executor';
import type { RoundTripReport } from './db/roundTrip';
import type { ListedFileBackup } from './db/sqlite/backups';
import type { Reason, ReasonKind } from './core/reasons';

/** `check` and `drift`: the findings, file paths relative to DIR. */
export type FindingsJson = Finding[];

/** `current`: what alembic_version records. `exists: false` only for a SQLite file not created yet. */
export interface CurrentJson {
  /** The database, password masked. */
  database: string;
  versionTable: boolean;
  exists?: boolean;
  heads: { revision: string; head: boolean; known?: boolean }[];
  /** MG003 when a recorded revision is unknown to the project (exit 2). */
  findings?: { code: string; severity: string; message: string; revisions: string[] }[];
}

/** `history` (newest first) and `heads`. */
export type RevisionsJson = RevisionEntry[];

/** `schema`: the normalized schema (ARCHITECTURE.md "Normalized schema JSON"). */
export type SchemaJson = NormalizedSchemaJson;

/** `revision`: the file written. */
export interface RevisionJson {
  path: string;
  revision: string;
  downRevision: string | string[] | null;
  message: string;
  changes: number;
  notes: string[];
}

/** `merge`: the merge revision written. */
export interface MergeJson {
  path: string;
  revision: string;
  downRevisions: string[];
  message: string;
}

/** `sql`: the statements per step, as the text form prints them. */
export interface SqlJson {
  from: string[];
  to: string[];
  steps: { revision: string; direction: 'up' | 'down'; statements: string[] }[];
}

/** `upgrade` / `downgrade`: the executor's result, plus the database it ran on. */
export type MoveJson = ExecutionResult & { database: string };

/** `stamp`. */
export interface StampJson {
  database: string;
  headsBefore: string[];
  headsAfter: string[];
  summary: string;
}

/** `roundtrip`. */
export type RoundTripJson = RoundTripReport;

/** Any verb run with `--format json` that fails before it has a result: what stderr said, and why as data. */
export interface ErrorJson {
  error: { message: string; reason?: Reason };
}

/** `explain` with no id: every page; `explain ID`: one page. */
export interface ExplainListJson {
  rules: { code: string; name: string; severity: string; title: string }[];
  noteKinds: string[];
}
export interface ExplainPageJson {
  id: string;
  markdown: string;
}

/** `restore` with no backup: the backups (PostgreSQL: catalog records; SQLite: `kind: 'sqlite-file'`, the copies of the file). */
export interface RestoreListJson {
  database: string;
  kind?: 'sqlite-file';
  backups: Record<string, unknown>[] | ListedFileBackup[];
}

// ---- JSON Schemas (draft 2020-12 subset Ajv understands); each mirrors the type above. ----
type JsonSchema = Record<string, unknown>;
const str: JsonSchema = { type: 'string' };
const num: JsonSchema = { type: 'number' };
const bool: JsonSchema = { type: 'boolean' };
const strings: JsonSchema = { type: 'array', items: str };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
/** An object with these required keys (and these optional ones); no other keys. */
function object(required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', properties: { ...required, ...optional }, required: Object.keys(required), additionalProperties: false };
}

const position = object({ line: num, character: num });
const range = object({ start: position, end: position });
const location = object({ file: str, range });
const renameChoice: JsonSchema = {
  anyOf: [object({ kind: { const: 'column' }, table: str, from: str, to: str }), object({ kind: { const: 'table' }, from: str, to: str })],
};
const fix: JsonSchema = {
  anyOf: [
    object({ kind: { const: 'rename' }, title: str, rename: renameChoice }),
    object({ kind: { const: 'serverDefault' }, title: str, table: str, column: str, expression: str, pythonValue: str }),
    object({ kind: { const: 'twoStep' }, title: str, table: str, column: str, backfill: str }),
    object({ kind: { const: 'backfillNulls' }, title: str, table: str, column: str, backfill: str }),
    object({ kind: { const: 'concurrently' }, title: str, table: str, index: str }),
    object({ kind: { const: 'inspectRows' }, title: str, sql: str }),
    object({ kind: { const: 'createMigration' }, title: str }),
    object({ kind: { const: 'ignore' }, title: str, code: str, comment: str, file: str, line: num }),
  ],
};
const finding = object(
  {
    code: { type: 'string', pattern: '^[A-Z]{2}[0-9]{3}$' },
    severity: { enum: ['error', 'warning', 'info', 'hint'] },
    message: str,
    file: str,
    range,
    table: str,
    destructive: bool,
    fixes: arrayOf(fix),
  },
  {
    column: str,
    columns: strings,
    typeChange: object({ from: str, to: str }),
    rows: object({ total: num, atRisk: num }, { bytes: num, estimated: bool }),
    rowsUnavailable: str,
  },
);

const revisionEntry = object({
  revision: str,
  downRevisions: strings,
  branchLabels: strings,
  dependsOn: strings,
  message: nullable(str),
  createDate: nullable(str),
  file: str,
  line: num,
  isHead: bool,
  isBase: bool,
  isMergePoint: bool,
  isBranchPoint: bool,
});

const column = object({ type: str, nullable: bool, default: nullable(str) });
const table = object({
  columns: { type: 'object', additionalProperties: column },
  primaryKey: strings,
  uniques: arrayOf(strings),
  indexes: arrayOf(object({ name: str, columns: strings, unique: bool })),
  foreignKeys: arrayOf(object({ columns: strings, refTable: str, refColumns: strings, onDelete: nullable(str) })),
  checks: strings,
});
const schema = object({ tables: { type: 'object', additionalProperties: table }, enums: { type: 'object', additionalProperties: strings } });

const statementReport = object({ sql: str, rowCount: nullable(num) });
const stepReport = {
  type: 'object',
  properties: {
    revision: str,
    direction: { enum: ['up', 'down'] },
    message: nullable(str),
    statements: arrayOf(statementReport),
    backups: arrayOf({ type: 'object' }),
    atRisk: arrayOf({ type: 'object', properties: { table: str, reason: str }, required: ['table', 'reason'] }),
    unchecked: arrayOf({ type: 'object' }),
    /** What the rules count for each target, before the step ran (db/riskCounts.ts). */
    rowCounts: arrayOf({
      type: 'object',
      properties: { code: str, measure: str, table: str, totalRows: num, rowsAtRisk: num, problem: nullable(str) },
      required: ['code', 'measure', 'table', 'totalRows', 'rowsAtRisk', 'problem'],
    }),
    /** Downgrades: what came back from backups (db/downgradeRestore.ts). */
    restored: arrayOf(object({ table: str, column: nullable(str), backupTable: str, rows: num, notNull: bool })),
  },
  required: ['revision', 'direction', 'message', 'statements', 'backups'],
  additionalProperties: false,
};
const untranslatableItem = object({ file: str, line: num, direction: { enum: ['up', 'down'] }, revision: str, noteKind: str, note: str });
/** `failure.reason`: why, as data (core/reasons.ts); one schema per kind, so a new kind must be declared here. */
const REASON_FIELDS = {
  'past-end': { spec: str, end: { enum: ['head', 'base'] }, available: num },
  'no-such-revision': { spec: str },
  'ambiguous-prefix': { spec: str, candidates: strings },
  'no-such-branch': { branch: str },
  'several-heads': { heads: strings, spec: str },
  'ambiguous-walk': { from: nullable(str), next: strings },
  'ambiguous-start': { spec: str, starts: strings },
  'not-on-branch': { revision: str, branch: str },
  'invalid-downgrade-target': { branch: str },
  'not-below-current': { target: strings, current: strings },
  'below-current': { target: str, heads: strings },
  'unknown-database-revision': { revisions: strings },
  untranslatable: { fallback: { enum: ['none', 'dry-run', 'native', 'no-python', 'sqlite', 'scratch'] }, items: arrayOf(untranslatableItem) },
  'sqlite-unsupported': { places: strings },
  'alembic-needs-python': {},
  'alembic-dry-run': {},
  'database-error': { revision: nullable(str) },
  'alembic-exited': { tool: str, verb: str, exitCode: nullable(num), lastLine: str },
  'alembic-other-database': { heads: strings },
  'lock-busy': { holder: nullable(object({ pid: num, application: nullable(str), since: nullable(str) })) },
  'sqlite-locked': { file: str, seconds: num },
  'connect-host': { where: str, raw: str },
  'connect-port': { where: str },
  'connect-unreachable': { where: str, code: str },
  'connect-password': { user: nullable(str), where: str },
  'connect-refused': { user: nullable(str), where: str, raw: str },
  'connect-no-database': { database: nullable(str), where: str },
  'connect-timeout': { seconds: num, where: str },
  'connect-no-password': { user: nullable(str), where: str },
  'connect-other': { where: str, raw: str },
  'invalid-url': { why: str },
} satisfies Record<ReasonKind, Record<string, JsonSchema>>;
const reason: JsonSchema = { anyOf: Object.entries(REASON_FIELDS).map(([kind, fields]) => object({ kind: { const: kind }, ...fields })) };
/** A round-trip step's finding, as data (db/roundTripText.ts); `changes` are the engine's Change records (core/diff/types.ts). */
const roundTripOutcome: JsonSchema = {
  anyOf: [
    object({ kind: { const: 'matches' }, at: strings }),
    object({ kind: { const: 'differs' }, at: strings, changes: arrayOf({ type: 'object', properties: { kind: str }, required: ['kind'] }) }),
    object({ kind: { const: 'not-run' }, reason: nullable(reason), statement: nullable(str) }, { databaseMessage: str }),
  ],
};
const failure = object({ revision: nullable(str), statement: nullable(str), message: str }, { code: str, detail: str, hint: str, location, reason });

/** The schema of each verb's JSON output (the key is the verb, or verb:variant). */
export const CLI_JSON_SCHEMAS = {
  check: arrayOf(finding),
  drift: arrayOf(finding),
  current: object(
    { database: str, versionTable: bool, heads: arrayOf(object({ revision: str, head: bool }, { known: bool })) },
    { exists: bool, findings: arrayOf(object({ code: str, severity: str, message: str, revisions: strings })) },
  ),
  history: arrayOf(revisionEntry),
  heads: arrayOf(revisionEntry),
  schema,
  revision: object({ path: str, revision: str, downRevision: { anyOf: [str, strings, { type: 'null' }] }, message: str, changes: num, notes: strings }),
  merge: object({ path: str, revision: str, downRevisions: strings, message: str }),
  sql: object({ from: strings, to: strings, steps: arrayOf(object({ revision: str, direction: { enum: ['up', 'down'] }, statements: strings })) }),
  move: object(
    {
      status: { enum: ['applied', 'dry-run', 'nothing-to-do', 'refused', 'failed', 'lock-busy'] },
      headsBefore: strings,
      headsAfter: strings,
      steps: arrayOf(stepReport),
      summary: str,
      database: str,
    },
    { failure },
  ),
  stamp: object({ database: str, headsBefore: strings, headsAfter: strings, summary: str }),
  roundtrip: object({
    ok: bool,
    summary: str,
    steps: arrayOf(object({ revision: str, direction: { enum: ['up', 'down'] }, ok: bool, message: str }, { outcome: roundTripOutcome })),
  }),
  'explain:list': object({ rules: arrayOf(object({ code: str, name: str, severity: str, title: str })), noteKinds: strings }),
  'explain:page': object({ id: str, markdown: str }),
  error: object({ error: object({ message: str }, { reason }) }),
  'restore:list': object({ database: str, backups: arrayOf({ type: 'object' }) }, { kind: { enum: ['sqlite-file'] } }),
  'restore:sqlite-list': object({
    database: str,
    kind: { enum: ['sqlite-file'] },
    backups: arrayOf(
      object({
        path: str,
        revision: str,
        createdAt: str,
        direction: nullable({ enum: ['up', 'down'] }),
        bytes: num,
        targets: arrayOf(object({ table: str, columns: nullable(strings) }, { reason: str, revision: str })),
      }),
    ),
  }),
} as const satisfies Record<string, JsonSchema>;

export type CliJsonVerb = keyof typeof CLI_JSON_SCHEMAS;
