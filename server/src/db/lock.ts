// The migration lock: a transaction-scoped advisory lock, so two runs against one database never
// interleave. The second run waits up to lock_timeout, then fails with a message naming the holder.
import type { ClientBase } from 'pg';
import * as l10n from '@vscode/l10n';
import { lockHolderText, reasonText, type LockHolder, type Reason } from '../core/reasons';

const TEXT = {
  waiting: (holder: string) => l10n.t('Another migration is running on this database ({0}); waiting for it to finish…', holder),
  get continuing() {
    return l10n.t('The other migration finished; continuing.');
  },
};

/** Two int4 keys ("MG", "migr") so the lock never collides with an application's own single-key locks. */
const LOCK_KEYS = [0x4d47, 0x6d696772] as const;

export class MigrationLockBusyError extends Error {
  constructor(readonly reason: Extract<Reason, { kind: 'lock-busy' }>) {
    super(reasonText(reason));
    this.name = 'MigrationLockBusyError';
  }
}

async function lockHolder(client: ClientBase): Promise<LockHolder | null> {
  try {
    // Advisory locks are per database: a migration of another database on the same server is not the holder.
    const result = await client.query<{ pid: number; application_name: string | null; started: string | null }>(
      `select l.pid, a.application_name, a.xact_start::text as started from pg_locks l
         left join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.classid = $1 and l.objid = $2 and l.granted
          and l.database = (select oid from pg_database where datname = current_database()) limit 1`,
      [LOCK_KEYS[0], LOCK_KEYS[1]],
    );
    const row = result.rows[0];
    return row ? { pid: row.pid, application: row.application_name, since: row.started } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock for the current transaction. Waits (bounded by the transaction's lock_timeout) when
 * another run holds it, reporting that through `log`; throws MigrationLockBusyError when the wait times out.
 */
export async function acquireMigrationLock(client: ClientBase, log: (line: string) => void): Promise<void> {
  const quick = await client.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1, $2) as locked', [...LOCK_KEYS]);
  if (quick.rows[0]?.locked) return;
  const holder = await lockHolder(client);
  log(TEXT.waiting(lockHolderText(holder)));
  try {
    await client.query('select pg_advisory_xact_lock($1, $2)', [...LOCK_KEYS]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new MigrationLockBusyError({ kind: 'lock-busy', holder });
    }
    throw error;
  }
  log(TEXT.continuing);
}
