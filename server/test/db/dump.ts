// A full, comparable dump of a database for fault-injection tests: every schema object the catalog
// knows about (with names) and every row of every user table, plus sequence positions.
import type { ClientBase } from 'pg';
import { introspectSchema } from '../../src/db/introspect';

export async function fullDump(client: ClientBase): Promise<string> {
  const namespaces = await client.query<{ nspname: string }>(
    `select nspname::text from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1`,
  );
  const out: Record<string, unknown> = { namespaces: namespaces.rows.map((r) => r.nspname) };
  for (const { nspname } of namespaces.rows) {
    out[`schema:${nspname}`] = await introspectSchema(client, { schemaName: nspname });
  }
  const tables = await client.query<{ nspname: string; relname: string }>(
    `select n.nspname::text, c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema' order by 1, 2`,
  );
  for (const { nspname, relname } of tables.rows) {
    const rows = await client.query(`select * from "${nspname}"."${relname}"`);
    out[`rows:${nspname}.${relname}`] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  const sequences = await client.query<{ name: string; last_value: string | null }>(
    `select schemaname || '.' || sequencename as name, last_value::text from pg_sequences order by 1`,
  );
  out.sequences = sequences.rows;
  const types = await client.query<{ typname: string }>(
    `select t.typname::text from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema' and t.typtype in ('e', 'd', 'c') and t.typrelid = 0 order by 1`,
  );
  out.types = types.rows.map((r) => r.typname);
  return JSON.stringify(out, null, 1);
}
