// The live schema of the project's database, for `schema --from database` and drift checks.
import type { Schema } from '../core/schema/types';
import type { Note } from '../core/source';
import { introspectSchema } from './introspect';
import { openProjectDatabase } from './session';
import * as l10n from '@vscode/l10n';

/** Connects (URL, env, .env, alembic.ini, or the embedded default), reads the schema, disconnects. Throws a readable message. */
export async function readDatabaseSchema(projectDir: string, databaseUrl?: string, versionTable?: string | null): Promise<{ schema: Schema; notes: Note[] }> {
  const opened = await openProjectDatabase(projectDir, { databaseUrl: databaseUrl ?? null, explicitLabel: '--database-url' });
  if (!opened.ok) throw new Error(opened.message);
  try {
    const schema = await introspectSchema(opened.session.client, versionTable === undefined ? {} : { versionTable });
    return { schema, notes: [{ severity: 'info', kind: 'database', message: l10n.t('read from {0}', opened.session.description) }] };
  } finally {
    await opened.session.close();
  }
}
