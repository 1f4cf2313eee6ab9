// What the database really holds, read with pg: columns of a table and the alembic_version row.
import { Client } from 'pg';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function columnsOf(url: string, table: string): Promise<string[]> {
  const rows = await query<{ column_name: string }>(
    url,
    'select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position',
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** The revisions alembic_version holds (sorted), or [] when the table is missing or empty. */
export async function currentRevisions(url: string): Promise<string[]> {
  const exists = await query<{ t: string | null }>(url, "select to_regclass('alembic_version')::text as t");
  if (!exists[0]?.t) return [];
  const rows = await query<{ version_num: string }>(url, 'select version_num from alembic_version order by 1');
  return rows.map((r) => r.version_num);
}

export async function execute(url: string, sql: string, params: unknown[] = []): Promise<void> {
  await query(url, sql, params);
}

/** Every column of every table (but alembic_version) as "table.column type null|not null default", sorted. */
export async function schemaShape(url: string): Promise<string[]> {
  const rows = await query<{ line: string }>(
    url,
    `
    select c.table_name || '.' || c.column_name || ' ' || format_type(a.atttypid, a.atttypmod)
           || case when c.is_nullable = 'YES' then ' null' else ' not null' end
           || coalesce(' default ' || c.column_default, '') as line
      from information_schema.columns c
      join pg_attribute a on a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass and a.attname = c.column_name
     where c.table_schema = current_schema() and c.table_name <> 'alembic_version'`,
  );
  return rows.map((r) => r.line).sort();
}
