// Ops written to tolerate the state they meet: SQL with IF [NOT] EXISTS, enum .create/.drop with
// checkfirst=True. Applying one where it would conflict is a silent no-op, as in PostgreSQL.
import type { MigrationOp } from '../../schema/ops';

const lenient = new WeakSet<MigrationOp>();

export function markLenient<T extends MigrationOp>(op: T): T {
  lenient.add(op);
  return op;
}

export function isLenient(op: MigrationOp): boolean {
  return lenient.has(op);
}
