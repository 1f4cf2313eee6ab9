// A neutral value to fill existing rows with when a column becomes NOT NULL: the SQL for the
// migration's UPDATE, and the Python to put in a model's server_default=.
import { quoteLiteral } from '../render/sqlNames';

export interface Backfill {
  sql: string;
  python: string;
}

export function backfillFor(type: string, enums: Record<string, string[]>): Backfill | null {
  const t = type.trim().toLowerCase();
  const labels = enums[type];
  if (labels && labels.length > 0) return { sql: quoteLiteral(labels[0] as string), python: JSON.stringify(labels[0]) };
  if (t.endsWith('[]')) return { sql: "'{}'", python: '"{}"' };
  if (/^(text|character varying|character|varchar|char|citext)/.test(t)) return { sql: "''", python: '""' };
  if (/^(smallint|integer|bigint|numeric|decimal|real|double precision|money)/.test(t)) return { sql: '0', python: '"0"' };
  if (t === 'boolean') return { sql: 'false', python: 'sa.false()' };
  if (t === 'date') return { sql: 'CURRENT_DATE', python: 'sa.func.current_date()' };
  if (/^timestamp/.test(t)) return { sql: 'now()', python: 'sa.func.now()' };
  if (/^time/.test(t)) return { sql: "'00:00'", python: '"00:00"' };
  if (t === 'interval') return { sql: "'0'", python: '"0"' };
  if (t === 'uuid') return { sql: 'gen_random_uuid()', python: 'sa.text("gen_random_uuid()")' };
  if (t === 'json' || t === 'jsonb') return { sql: "'{}'", python: '"{}"' };
  if (t === 'bytea') return { sql: "''", python: '""' };
  return null;
}
