// The migration lock: a transaction-scoped advisory lock, so two runs against one database never
// interleave. The second run waits up to lock_timeout, then fails with a message naming the holder.
import type { ClientBase } from 'pg';
import * as l10n from '@vscode/l10n';

const TEXT = {
  get anotherSession() {
    return l10n.t('another session');
  },
  process: (pid: number, application: string | null, since: string | null) =>
    application && since
      ? l10n.t('process {0} ({1}), in a transaction since {2}', String(pid), application, since)
      : application
        ? l10n.t('process {0} ({1})', String(pid), application)
        : since
          ? l10n.t('process {0}, in a transaction since {1}', String(pid), since)
          : l10n.t('process {0}', String(pid)),
  waiting: (holder: string) => l10n.t('Another migration is running on this database ({0}); waiting for it to finish…', holder),
  busy: (holder: string) =>
    l10n.t(
      'another migration is still running on this database ({0}) and did not finish within the lock timeout; nothing was applied. Try again when it is done, or raise --lock-timeout.',
      holder,
    ),
  get continuing() {
    return l10n.t('The other migration finished; continuing.');
  },
};

/** Two int4 keys ("MG", "migr") so the lock never collides with an application's own single-key locks. */
const LOCK_KEYS = [0x4d47, 0x6d696772] as const;

export class MigrationLockBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationLockBusyError';
  }
}

async function holderDescription(client: ClientBase): Promise<string> {
  try {
    const result = await client.query<{ pid: number; application_name: string | null; started: string | null }>(
      `select l.pid, a.application_name, a.xact_start::text as started from pg_locks l
         left join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.classid = $1 and l.objid = $2 and l.granted limit 1`,
      [LOCK_KEYS[0], LOCK_KEYS[1]],
    );
    const row = result.rows[0];
    if (!row) return TEXT.anotherSession;
    return TEXT.process(row.pid, row.application_name, row.started);
  } catch {
    return TEXT.anotherSession;
  }
}

/**
 * Takes the lock for the current transaction. Waits (bounded by the transaction's lock_timeout) when
 * another run holds it, reporting that through `log`; throws MigrationLockBusyError when the wait times out.
 */
export async function acquireMigrationLock(client: ClientBase, log: (line: string) => void): Promise<void> {
  const quick = await client.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1, $2) as locked', [...LOCK_KEYS]);
  if (quick.rows[0]?.locked) return;
  const holder = await holderDescription(client);
  log(TEXT.waiting(holder));
  try {
    await client.query('select pg_advisory_xact_lock($1, $2)', [...LOCK_KEYS]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new MigrationLockBusyError(TEXT.busy(holder));
    }
    throw error;
  }
  log(TEXT.continuing);
}
