// The mutable state of one body replay: where names resolve, what has been produced so far.
import type { Note } from '../../source';
import type { MigrationOp } from '../../schema/ops';
import type { Scope } from './context';
import type { UnfollowedCall } from '../types';

export interface Replay {
  scope: Scope;
  ops: MigrationOp[];
  notes: Note[];
  /** Inside `with op.batch_alter_table(table) as alias:`. */
  batch: { alias: string; table: string } | null;
  /** How many helper calls deep the replay is. */
  depth: number;
  /** Skipped calls that were handed table names. */
  unfollowed: UnfollowedCall[];
}
