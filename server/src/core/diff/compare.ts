// When two spellings of the same schema fact are equal: types, server defaults, keys and constraints.
import { canonicalCheckExpression } from '../schema/json';
import type { ColumnSchema, ForeignKeySchema, IndexSchema, KeySchema } from '../schema/types';
import { sequenceOfDefault } from '../render/sqlNames';

export function normalizeType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*\)/g, ')');
}

/** Serial defaults that differ only by sequence name are the same default (a renamed table keeps its sequence). */
export function normalizeDefault(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (sequenceOfDefault(value) !== null) return 'nextval(<sequence>)';
  return value.trim().replace(/\s+/g, ' ');
}

/** A type the models could not resolve statically ("?MyType(...)") is compared by presence only, never by spelling. */
export const isUnresolvedType = (type: string) => type.startsWith('?');

export function sameType(a: string, b: string): boolean {
  // Identical spellings first: the common case on every keystroke, and no regex work.
  return a === b || isUnresolvedType(a) || isUnresolvedType(b) || normalizeType(a) === normalizeType(b);
}

/** `numeric(10,2)` → `numeric` and ["10", "2"]; `timestamp(3) without time zone` → `timestamp without time zone` and ["3"]. */
function typeParams(type: string): { base: string; params: number } {
  const m = /^([a-z ]+?) ?\(([\d, ]+)\)(.*)$/.exec(normalizeType(type));
  return m ? { base: `${m[1] as string}${m[3] as string}`, params: (m[2] as string).split(',').length } : { base: normalizeType(type), params: 0 };
}

/**
 * Alembic (compare_type, 1.8 to today) compares a type's parameters only when both sides give as
 * many: `String()` matches `VARCHAR(255)` and `VARCHAR` matches `String(320)`, `Numeric(10)` matches
 * `NUMERIC(10,2)`, while `String(30)` against `VARCHAR(20)` is a change. PostgreSQL's bare `char` is
 * `char(1)`. Measured on real Alembic by server/test/oracle/typeParams.test.ts.
 */
export function modelTypeFits(headType: string, modelType: string): boolean {
  if (sameType(headType, modelType)) return true;
  const head = typeParams(/^(character|char)(\[\])?$/.test(normalizeType(headType)) ? headType.replace(/^(character|char)/i, 'character(1)') : headType);
  const model = typeParams(modelType);
  return head.params !== model.params && sameType(head.base, model.base);
}

export function sameDefault(a: string | null | undefined, b: string | null | undefined): boolean {
  return normalizeDefault(a) === normalizeDefault(b);
}

export function sameColumnShape(a: ColumnSchema, b: ColumnSchema): boolean {
  return sameType(a.type, b.type) && a.nullable === b.nullable;
}

export const keySignature = (key: KeySchema) => key.columns.join('\u0000');

export const indexSignature = (index: IndexSchema) => `${index.unique ? 'u' : 'i'}:${index.columns.join('\u0000')}`;

export function foreignKeySignature(fk: ForeignKeySchema): string {
  return [fk.columns.join(','), fk.refTable, fk.refColumns.join(','), (fk.onDelete ?? 'NO ACTION').toUpperCase()].join('\u0000');
}

export const checkSignature = (expression: string) => canonicalCheckExpression(expression);
