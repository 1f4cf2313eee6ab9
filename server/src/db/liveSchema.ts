// The live schema of the project's database, for `schema --from database` and drift checks: the default
// schema and every other one the comparison covers (the models' and the history's schemas, and with
// include_schemas=True every schema of the database that include_name keeps, as autogenerate reflects).
import type { Schema } from '../core/schema/types';
import type { Note } from '../core/source';
import { introspectSchema } from './introspect';
import { openProjectDatabase } from './session';
import * as l10n from '@vscode/l10n';

export interface LiveSchemas {
  /** Schemas besides the default one to read (the models' and the history's). */
  also?: readonly string[];
  /** include_schemas=True: every schema of the database too, those this keeps. */
  every?: (schema: string) => boolean;
}

/** The database's own schemas (not PostgreSQL's catalogs). */
const USER_SCHEMAS_SQL = `select nspname as name from pg_namespace
  where nspname <> 'information_schema' and nspname not like 'pg\\_%' order by nspname`;

/** Connects (URL, env, .env, alembic.ini, or the embedded default), reads the schema, disconnects. Throws a readable message. */
export async function readDatabaseSchema(
  projectDir: string,
  databaseUrl?: string,
  versionTable?: { name: string; schema: string | null } | null,
  schemas: LiveSchemas = {},
): Promise<{ schema: Schema; notes: Note[] }> {
  const opened = await openProjectDatabase(projectDir, { databaseUrl: databaseUrl ?? null, explicitLabel: '--database-url' });
  if (!opened.ok) throw new Error(opened.message);
  try {
    const client = opened.session.client;
    const every = schemas.every;
    const listed = every ? (await client.query<{ name: string }>(USER_SCHEMAS_SQL)).rows.map((r) => r.name).filter((name) => every(name)) : [];
    const alsoSchemas = [...new Set([...(schemas.also ?? []), ...listed])].filter((s) => s !== 'public').sort();
    const schema = await introspectSchema(client, {
      ...(versionTable === undefined ? {} : { versionTable: versionTable?.name ?? null }),
      ...(versionTable?.schema ? { versionTableSchema: versionTable.schema } : {}),
      alsoSchemas,
    });
    return { schema, notes: [{ severity: 'info', kind: 'database', message: l10n.t('read from {0}', opened.session.description) }] };
  } finally {
    await opened.session.close();
  }
}
