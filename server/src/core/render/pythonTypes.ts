// PostgreSQL format_type spellings → the SQLAlchemy type expressions Alembic writes in revision files.
// Null when there is no faithful spelling (the caller then writes the op as SQL).

import { splitTableKey } from '../schema/tableKey';

export interface TypeRendering {
  code: string;
  /** Whether the code uses `postgresql.` (needs `from sqlalchemy.dialects import postgresql`). */
  usesPostgresql: boolean;
}

const SIMPLE: Record<string, string> = {
  integer: 'sa.Integer()',
  bigint: 'sa.BigInteger()',
  smallint: 'sa.SmallInteger()',
  text: 'sa.Text()',
  boolean: 'sa.Boolean()',
  date: 'sa.Date()',
  real: 'sa.REAL()',
  'double precision': 'sa.Float(precision=53)',
  'character varying': 'sa.String()',
  'timestamp without time zone': 'sa.DateTime()',
  'timestamp with time zone': 'sa.DateTime(timezone=True)',
  'time without time zone': 'sa.Time()',
  'time with time zone': 'sa.Time(timezone=True)',
  numeric: 'sa.Numeric()',
  json: 'postgresql.JSON(astext_type=sa.Text())',
  jsonb: 'postgresql.JSONB(astext_type=sa.Text())',
  uuid: 'postgresql.UUID()',
  bytea: 'postgresql.BYTEA()',
  interval: 'postgresql.INTERVAL()',
  inet: 'postgresql.INET()',
  cidr: 'postgresql.CIDR()',
  macaddr: 'postgresql.MACADDR()',
  money: 'postgresql.MONEY()',
  tsvector: 'postgresql.TSVECTOR()',
  citext: 'sa.Text()',
};

/** name= (and schema= for a type in another schema, keyed "audit.kind"). */
export function enumNameArgs(type: string, py: (s: string) => string): string[] {
  const { schema, name } = splitTableKey(type);
  return schema === null ? [`name=${py(name)}`] : [`name=${py(name)}`, `schema=${py(schema)}`];
}

function scalarType(type: string, enums: Record<string, string[]>, py: (s: string) => string): string | null {
  const labels = enums[type];
  if (labels) return `postgresql.ENUM(${[...labels.map(py), ...enumNameArgs(type, py), 'create_type=False'].join(', ')})`;
  const t = type.trim().toLowerCase();
  if (t in SIMPLE && t !== 'citext') return SIMPLE[t] as string;
  let m = /^character varying\((\d+)\)$/.exec(t);
  if (m) return `sa.String(length=${m[1]})`;
  m = /^character\((\d+)\)$/.exec(t);
  if (m) return `sa.CHAR(length=${m[1]})`;
  m = /^numeric\((\d+),\s*(\d+)\)$/.exec(t);
  if (m) return `sa.Numeric(precision=${m[1]}, scale=${m[2]})`;
  m = /^numeric\((\d+)\)$/.exec(t);
  if (m) return `sa.Numeric(precision=${m[1]}, scale=0)`;
  m = /^timestamp\((\d)\) (with|without) time zone$/.exec(t);
  if (m) return `postgresql.TIMESTAMP(timezone=${m[2] === 'with' ? 'True' : 'False'}, precision=${m[1]})`;
  m = /^time\((\d)\) (with|without) time zone$/.exec(t);
  if (m) return `postgresql.TIME(timezone=${m[2] === 'with' ? 'True' : 'False'}, precision=${m[1]})`;
  return null;
}

export function pythonType(type: string, enums: Record<string, string[]>, py: (s: string) => string): TypeRendering | null {
  const array = /^(.*)\[\]$/.exec(type);
  const inner = scalarType(array ? (array[1] as string) : type, enums, py);
  if (inner === null) return null;
  const code = array ? `postgresql.ARRAY(${inner})` : inner;
  return { code, usesPostgresql: code.includes('postgresql.') };
}
