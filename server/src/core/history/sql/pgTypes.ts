// A type as written in SQL DDL → PostgreSQL's format_type spelling.
import { Cursor } from './lexer';

const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallint: 'smallint',
  int2: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  text: 'text',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  jsonb: 'jsonb',
  json: 'json',
  uuid: 'uuid',
  bytea: 'bytea',
  real: 'real',
  float4: 'real',
  float8: 'double precision',
  inet: 'inet',
  cidr: 'cidr',
  macaddr: 'macaddr',
  money: 'money',
  tsvector: 'tsvector',
  interval: 'interval',
  citext: 'citext',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
};

export interface SqlType {
  type: string;
  /** SERIAL-family: the column gets a sequence default. */
  serial: boolean;
}

function modifier(cursor: Cursor): string | undefined {
  if (cursor.peek()?.value !== '(') return undefined;
  cursor.next();
  const parts: string[] = [];
  while (!cursor.done() && cursor.peek()?.value !== ')') {
    const token = cursor.next();
    if (token && token.value !== ',') parts.push(token.value);
  }
  cursor.next();
  return parts.join(',');
}

/** Reads a type at the cursor. Unknown names are taken as user types (enums, domains). */
export function readSqlType(cursor: Cursor): SqlType | undefined {
  const first = cursor.peek();
  if (!first || (first.kind !== 'word' && first.kind !== 'quoted')) return undefined;
  let type: string;
  let serial = false;
  if (cursor.accept('character', 'varying') || cursor.accept('varchar')) {
    const n = modifier(cursor);
    type = n ? `character varying(${n})` : 'character varying';
  } else if (cursor.accept('character') || cursor.accept('char') || cursor.accept('bpchar')) {
    type = `character(${modifier(cursor) ?? '1'})`;
  } else if (cursor.accept('double', 'precision')) {
    type = 'double precision';
  } else if (cursor.accept('numeric') || cursor.accept('decimal')) {
    const m = modifier(cursor);
    type = m ? `numeric(${m.includes(',') ? m : `${m},0`})` : 'numeric';
  } else if (cursor.accept('float')) {
    const m = modifier(cursor);
    type = m !== undefined && Number(m) <= 24 ? 'real' : 'double precision';
  } else if (cursor.accept('timestamp') || cursor.accept('time')) {
    const base = cursor.peek(-1)?.value === 'time' ? 'time' : 'timestamp';
    const p = modifier(cursor);
    const withTz = cursor.accept('with', 'time', 'zone');
    if (!withTz) cursor.accept('without', 'time', 'zone');
    type = `${base}${p ? `(${p})` : ''} ${withTz ? 'with' : 'without'} time zone`;
  } else if (cursor.accept('bit', 'varying') || cursor.accept('varbit')) {
    const n = modifier(cursor);
    type = n ? `bit varying(${n})` : 'bit varying';
  } else if (cursor.accept('bit')) {
    type = `bit(${modifier(cursor) ?? '1'})`;
  } else {
    const token = cursor.next();
    const name = cursor.peek()?.value === '.' ? (cursor.next(), cursor.next()?.value ?? '') : (token?.value ?? '');
    const alias = token?.kind === 'word' ? ALIASES[name] : undefined;
    serial = token?.kind === 'word' && /^(small|big)?serial[248]?$/.test(name);
    type = alias ?? name;
    if (alias === 'timestamp with time zone' || alias === 'time with time zone') {
      const p = modifier(cursor);
      if (p) type = type.replace(' with', `(${p}) with`);
    } else {
      modifier(cursor);
    }
  }
  while (cursor.accept('[', ']')) type += '[]';
  return { type, serial };
}
