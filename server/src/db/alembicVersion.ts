// Reading and writing alembic_version exactly as Alembic does (same table, same constraint name,
// same INSERT / UPDATE / DELETE per step), so that `flask db current` and our `current` always agree.
// A project that sets its own version_table (core/history/versionTable.ts) gets that table instead.
import type { ClientBase } from 'pg';
import type { RevisionStep } from '../core/history/types';
import * as l10n from '@vscode/l10n';
import { DEFAULT_VERSION_TABLE, versionTablePkSql, versionTableSql, type VersionTable } from '../core/history/versionTable';

export { DEFAULT_VERSION_TABLE, type VersionTable };

export const VERSION_TEXT = {
  notAHead: (revision: string, heads: string) => l10n.t('cannot downgrade {0}: it is not a current head ({1})', revision, heads),
  rowsMatched: (which: string, matched: number) =>
    l10n.t('alembic_version was expected to hold one row "{0}" but {1} matched: another process changed it', which, String(matched)),
};

/** Alembic's CREATE TABLE for the version table (the default: `alembic_version`, `alembic_version_pkc`). */
export function createVersionTableSql(table: VersionTable = DEFAULT_VERSION_TABLE): string {
  return `CREATE TABLE ${versionTableSql(table)} (version_num VARCHAR(32) NOT NULL, CONSTRAINT ${versionTablePkSql(table)} PRIMARY KEY (version_num))`;
}

export const CREATE_VERSION_TABLE_SQL = createVersionTableSql();

export type VersionStatement = { kind: 'insert'; revision: string } | { kind: 'update'; from: string; to: string } | { kind: 'delete'; revision: string };

/** What the executor needs to know about the revision graph to move the heads. */
export interface VersionGraph {
  /** down_revision(s) of a revision; empty for a base. */
  parents(revision: string): string[];
  /** True when `ancestor` is reachable from `descendant` through down revisions (a revision is not its own ancestor). */
  isAncestor(ancestor: string, descendant: string): boolean;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function versionStatementSql(statement: VersionStatement, table: VersionTable = DEFAULT_VERSION_TABLE): string {
  const name = versionTableSql(table);
  switch (statement.kind) {
    case 'insert':
      return `INSERT INTO ${name} (version_num) VALUES (${literal(statement.revision)})`;
    case 'update':
      return `UPDATE ${name} SET version_num=${literal(statement.to)} WHERE ${name}.version_num = ${literal(statement.from)}`;
    case 'delete':
      return `DELETE FROM ${name} WHERE ${name}.version_num = ${literal(statement.revision)}`;
  }
}

/**
 * How alembic_version changes when one step runs, following Alembic's head maintenance:
 * an upgrade from base (or from parents that are no longer heads) inserts a row; an upgrade over
 * one head updates it; a merge updates one parent row and deletes the others. A downgrade reverses
 * that: it updates to the parent, inserts extra rows when it un-merges, and deletes the row when
 * the parent is base or already implied by another head.
 */
export function versionChange(heads: readonly string[], step: RevisionStep, graph: VersionGraph): { heads: string[]; statements: VersionStatement[] } {
  const current = [...heads];
  const statements: VersionStatement[] = [];
  const parents = graph.parents(step.revision);
  if (step.direction === 'up') {
    const present = parents.filter((p) => current.includes(p));
    if (present.length === 0) {
      statements.push({ kind: 'insert', revision: step.revision });
      current.push(step.revision);
    } else {
      const [kept, ...merged] = present as [string, ...string[]];
      for (const extra of merged) {
        statements.push({ kind: 'delete', revision: extra });
        current.splice(current.indexOf(extra), 1);
      }
      statements.push({ kind: 'update', from: kept, to: step.revision });
      current[current.indexOf(kept)] = step.revision;
    }
    return { heads: current, statements };
  }
  if (!current.includes(step.revision)) {
    throw new Error(VERSION_TEXT.notAHead(step.revision, current.join(', ') || 'base'));
  }
  const others = current.filter((h) => h !== step.revision);
  // A parent already implied by another head needs no row of its own.
  const needed = parents.filter((p) => !others.includes(p) && !others.some((h) => graph.isAncestor(p, h)));
  if (needed.length === 0) {
    statements.push({ kind: 'delete', revision: step.revision });
    return { heads: others, statements };
  }
  const [first, ...rest] = needed as [string, ...string[]];
  statements.push({ kind: 'update', from: step.revision, to: first });
  for (const extra of rest) statements.push({ kind: 'insert', revision: extra });
  current[current.indexOf(step.revision)] = first;
  return { heads: [...current, ...rest], statements };
}

/** Whether the version table exists: in its schema, or (none set) visible in the connection's search path. */
export async function hasVersionTable(client: ClientBase, table: VersionTable = DEFAULT_VERSION_TABLE): Promise<boolean> {
  // pg_class, not to_regclass: a name to_regclass cannot parse must read as "absent", not fail.
  const result = await client.query<{ found: boolean }>(
    `select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relname = $1 and c.relkind in ('r', 'p') and (case when $2::text is null then pg_table_is_visible(c.oid) else n.nspname = $2::text end)) as found`,
    [table.name, table.schema],
  );
  return result.rows[0]?.found === true;
}

/** The recorded heads, sorted; null when there is no version table at all. */
export async function readAlembicVersion(client: ClientBase, table: VersionTable = DEFAULT_VERSION_TABLE): Promise<string[] | null> {
  if (!(await hasVersionTable(client, table))) return null;
  const name = versionTableSql(table);
  const result = await client.query<{ version_num: string }>(`SELECT ${name}.version_num FROM ${name}`);
  return result.rows.map((r) => r.version_num).sort();
}

/** Creates the version table the way Alembic's first upgrade does, when it is missing. */
export async function ensureVersionTable(client: ClientBase, table: VersionTable = DEFAULT_VERSION_TABLE): Promise<boolean> {
  if (await hasVersionTable(client, table)) return false;
  await client.query(createVersionTableSql(table));
  return true;
}

/** Runs one version statement and checks it touched exactly one row, as Alembic does. */
export async function applyVersionStatement(client: ClientBase, statement: VersionStatement, table: VersionTable = DEFAULT_VERSION_TABLE): Promise<void> {
  const result = await client.query(versionStatementSql(statement, table));
  if (statement.kind !== 'insert' && result.rowCount !== 1) {
    const which = statement.kind === 'update' ? statement.from : statement.revision;
    throw new Error(VERSION_TEXT.rowsMatched(which, result.rowCount ?? 0));
  }
}

/** `stamp`: records exactly these heads, without running any migration. */
export async function stampVersions(client: ClientBase, heads: readonly string[], table: VersionTable = DEFAULT_VERSION_TABLE): Promise<void> {
  await ensureVersionTable(client, table);
  await client.query(`DELETE FROM ${versionTableSql(table)}`);
  for (const head of heads) await client.query(versionStatementSql({ kind: 'insert', revision: head }, table));
}
