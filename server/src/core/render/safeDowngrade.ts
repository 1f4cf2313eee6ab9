// The downgrade of a dropped NOT NULL column, written safe: `op.add_column(..., nullable=True)`, since a
// NOT NULL column cannot come back empty on a table with rows (Alembic's own downgrade fails there).
// Our executor (db/downgradeRestore.ts) then puts the values back from the newest backup the upgrade
// took and sets NOT NULL in the same transaction; under plain `flask db downgrade` the column stays
// nullable, and the comment this writes at the top of downgrade() says so.
import type { Change } from '../diff/types';
import type { Dialect } from '../project/database';
import type { MigrationOp } from '../schema/ops';
import { commentText } from './mako';

/** The change's downgrade ops, with a dropped NOT NULL column added back nullable (PostgreSQL only: SQLite's executor has file backups). */
export function safeDowngrade(change: Change, dialect: Dialect): MigrationOp[] {
  if (dialect !== 'postgresql' || change.kind !== 'dropColumn' || change.columnBefore.nullable) return change.downgrade;
  return change.downgrade.map((op) =>
    op.kind === 'addColumn' && op.table === change.table && op.column.name === change.column ? { ...op, column: { ...op.column, nullable: true } } : op,
  );
}

/** The columns `safeDowngrade` brings back nullable, as `table.column`. */
export function nullableOnDowngrade(changes: readonly Change[], dialect: Dialect): string[] {
  if (dialect !== 'postgresql') return [];
  return changes.filter((c) => c.kind === 'dropColumn' && !c.columnBefore.nullable).map((c) => `${c.table}.${c.column}`);
}

/** The comment at the top of downgrade() naming those columns and what each tool does with them. */
export function restoreComment(columns: readonly string[]): string[] {
  if (columns.length === 0) return [];
  const names = commentText(columns.join(', '));
  return [
    `# Migration Guard: ${names} ${columns.length === 1 ? 'comes' : 'come'} back NULLABLE: upgrade() dropped the values, and a NOT NULL`,
    '# column cannot be added back empty to a table with rows. `migration-guard downgrade` restores the values from',
    '# the newest backup in migration_guard_backup in the same transaction, then sets NOT NULL again. Plain',
    '# `flask db downgrade` has no backup: the column stays nullable and empty (fill it, then make it NOT NULL).',
  ];
}
