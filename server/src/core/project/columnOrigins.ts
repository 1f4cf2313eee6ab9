// Which revision created each column of the head schema: replays the upgrade ops in order and
// remembers, per column, the revision whose op brought it into existence. Renames keep the origin.
import type { MigrationOp } from '../schema/ops';

export interface RevisionOps {
  revision: string;
  ops: MigrationOp[];
}

export interface ColumnOrigin {
  /** The revision that added the column (create_table or add_column). */
  createdIn: string;
  /** The last revision that altered it (type, nullability, default, name), when any. */
  lastChangedIn?: string;
}

export type ColumnOrigins = Map<string, Map<string, ColumnOrigin>>;

function tableOf(origins: ColumnOrigins, table: string): Map<string, ColumnOrigin> {
  let columns = origins.get(table);
  if (!columns) origins.set(table, (columns = new Map()));
  return columns;
}

/** `revisions` in upgrade order (base first). */
export function columnOrigins(revisions: RevisionOps[]): ColumnOrigins {
  const origins: ColumnOrigins = new Map();
  for (const { revision, ops } of revisions) {
    for (const op of ops) {
      switch (op.kind) {
        case 'createTable': {
          const columns = new Map<string, ColumnOrigin>();
          for (const column of op.columns) columns.set(column.name, { createdIn: revision });
          origins.set(op.table, columns);
          break;
        }
        case 'dropTable':
          origins.delete(op.table);
          break;
        case 'renameTable': {
          const columns = origins.get(op.from);
          origins.delete(op.from);
          if (columns) origins.set(op.to, columns);
          break;
        }
        case 'addColumn':
          tableOf(origins, op.table).set(op.column.name, { createdIn: revision });
          break;
        case 'dropColumn':
          origins.get(op.table)?.delete(op.column);
          break;
        case 'alterColumn': {
          const columns = tableOf(origins, op.table);
          const origin = columns.get(op.column) ?? { createdIn: revision };
          origin.lastChangedIn = revision;
          if (op.newName && op.newName !== op.column) columns.delete(op.column);
          columns.set(op.newName ?? op.column, origin);
          break;
        }
        default:
          break;
      }
    }
  }
  return origins;
}
