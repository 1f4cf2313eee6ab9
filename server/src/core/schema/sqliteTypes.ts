// PostgreSQL-spelled types (the engine's schema) as SQLAlchemy writes them on SQLite, and SQLite's
// type affinity: what a batch-mode table copy CASTs, and which type changes SQLite does not enforce.

/** The type SQLAlchemy writes on SQLite for a column whose PostgreSQL spelling is `pgType`. */
export function sqliteType(pgType: string, enums: Record<string, string[]>): string {
  const labels = enums[pgType];
  if (labels) return `VARCHAR(${Math.max(0, ...labels.map((l) => l.length))})`;
  const t = pgType.trim().toLowerCase();
  if (t.endsWith('[]')) return 'JSON';
  const sized = /^(character varying|varchar|character|char|numeric|decimal)\s*(\(([^)]*)\))?$/.exec(t);
  if (sized) {
    const base = { 'character varying': 'VARCHAR', varchar: 'VARCHAR', character: 'CHAR', char: 'CHAR', numeric: 'NUMERIC', decimal: 'NUMERIC' }[
      sized[1] as string
    ] as string;
    return sized[3]
      ? `${base}(${(sized[3] as string)
          .split(',')
          .map((s) => s.trim())
          .join(', ')})`
      : base;
  }
  if (/^timestamp/.test(t)) return 'DATETIME';
  if (/^time\b/.test(t)) return 'TIME';
  const plain: Record<string, string> = {
    integer: 'INTEGER',
    int: 'INTEGER',
    int4: 'INTEGER',
    bigint: 'BIGINT',
    int8: 'BIGINT',
    smallint: 'SMALLINT',
    int2: 'SMALLINT',
    text: 'TEXT',
    boolean: 'BOOLEAN',
    bool: 'BOOLEAN',
    date: 'DATE',
    'double precision': 'FLOAT',
    real: 'REAL',
    float: 'FLOAT',
    bytea: 'BLOB',
    json: 'JSON',
    jsonb: 'JSON',
    uuid: 'CHAR(32)',
    interval: 'DATETIME',
  };
  return plain[t] ?? pgType.toUpperCase();
}

/** SQLite's type affinity of a declared type (integer, text, real/numeric...), as SQLite derives it. */
export function sqliteAffinity(sqlType: string): string {
  const t = sqlType.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  if (t.includes('BLOB') || t === '') return 'blob';
  if (/REAL|FLOA|DOUB/.test(t)) return 'real';
  return 'numeric';
}

/**
 * True when SQLite stores every old value unchanged under the new type: same affinity (SQLite
 * enforces no VARCHAR length and no NUMERIC precision), so a batch copy needs no CAST.
 */
export function sameSqliteAffinity(fromPg: string, toPg: string, enums: Record<string, string[]>): boolean {
  return sqliteAffinity(sqliteType(fromPg, enums)) === sqliteAffinity(sqliteType(toPg, enums));
}
