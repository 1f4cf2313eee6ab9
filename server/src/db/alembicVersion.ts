// Reading and writing alembic_version exactly as Alembic does (same table, same constraint name,
// same INSERT / UPDATE / DELETE per step), so that `flask db current` and our `current` always agree.
import type { ClientBase } from 'pg';
import type { RevisionStep } from '../core/history/types';
import * as l10n from '@vscode/l10n';

export const VERSION_TEXT = {
  notAHead: (revision: string, heads: string) => l10n.t('cannot downgrade {0}: it is not a current head ({1})', revision, heads),
  rowsMatched: (which: string, matched: number) =>
    l10n.t('alembic_version was expected to hold one row "{0}" but {1} matched: another process changed it', which, String(matched)),
};

export const CREATE_VERSION_TABLE_SQL =
  'CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))';

export type VersionStatement = { kind: 'insert'; revision: string } | { kind: 'update'; from: string; to: string } | { kind: 'delete'; revision: string };

/** What the executor needs to know about the revision graph to move the heads. */
export interface VersionGraph {
  /** down_revision(s) of a revision; empty for a base. */
  parents(revision: string): string[];
  /** True when `ancestor` is reachable from `descendant` through down revisions (a revision is not its own ancestor). */
  isAncestor(ancestor: string, descendant: string): boolean;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function versionStatementSql(statement: VersionStatement): string {
  switch (statement.kind) {
    case 'insert':
      return `INSERT INTO alembic_version (version_num) VALUES (${literal(statement.revision)})`;
    case 'update':
      return `UPDATE alembic_version SET version_num=${literal(statement.to)} WHERE alembic_version.version_num = ${literal(statement.from)}`;
    case 'delete':
      return `DELETE FROM alembic_version WHERE alembic_version.version_num = ${literal(statement.revision)}`;
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

/** Whether the alembic_version table exists in the connection's search path. */
export async function hasVersionTable(client: ClientBase): Promise<boolean> {
  const result = await client.query<{ found: boolean }>(`select to_regclass('alembic_version') is not null as found`);
  return result.rows[0]?.found === true;
}

/** The recorded heads, sorted; null when there is no alembic_version table at all. */
export async function readAlembicVersion(client: ClientBase): Promise<string[] | null> {
  if (!(await hasVersionTable(client))) return null;
  const result = await client.query<{ version_num: string }>('SELECT alembic_version.version_num FROM alembic_version');
  return result.rows.map((r) => r.version_num).sort();
}

/** Creates alembic_version the way Alembic's first upgrade does, when it is missing. */
export async function ensureVersionTable(client: ClientBase): Promise<boolean> {
  if (await hasVersionTable(client)) return false;
  await client.query(CREATE_VERSION_TABLE_SQL);
  return true;
}

/** Runs one version statement and checks it touched exactly one row, as Alembic does. */
export async function applyVersionStatement(client: ClientBase, statement: VersionStatement): Promise<void> {
  const result = await client.query(versionStatementSql(statement));
  if (statement.kind !== 'insert' && result.rowCount !== 1) {
    const which = statement.kind === 'update' ? statement.from : statement.revision;
    throw new Error(VERSION_TEXT.rowsMatched(which, result.rowCount ?? 0));
  }
}

/** `stamp`: records exactly these heads, without running any migration. */
export async function stampVersions(client: ClientBase, heads: readonly string[]): Promise<void> {
  await ensureVersionTable(client);
  await client.query('DELETE FROM alembic_version');
  for (const head of heads) await client.query(versionStatementSql({ kind: 'insert', revision: head }));
}
