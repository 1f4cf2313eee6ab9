// Ops written to tolerate the state they meet: if_exists= / if_not_exists=, SQL with IF [NOT] EXISTS,
// enum .create/.drop with checkfirst=True. Applying one where it would conflict is a silent no-op, as
// in PostgreSQL. The mark is the op's own `ifExists` field (a side table would not survive the cache).
import type { MigrationOp } from '../../schema/ops';

export function markLenient<T extends MigrationOp>(op: T): T {
  op.ifExists = true;
  return op;
}

export function isLenient(op: MigrationOp): boolean {
  return op.ifExists === true;
}
