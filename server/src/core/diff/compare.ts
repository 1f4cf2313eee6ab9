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

/**
 * Alembic compares only the type parameters the model gives: `String()` (no length) matches
 * `VARCHAR(255)` in the database, `Numeric()` matches `NUMERIC(10,2)`. Not the other way round.
 */
export function modelTypeFits(headType: string, modelType: string): boolean {
  if (sameType(headType, modelType)) return true;
  const bare = /^(character varying|character|varchar|char|numeric|bit varying|bit)(\[\])?$/.exec(modelType);
  if (!bare) return false;
  const withParams = /^([a-z ]+)\([\d, ]+\)(\[\])?$/.exec(headType);
  return withParams !== null && sameType(withParams[1] as string, bare[1] as string) && (withParams[2] ?? '') === (bare[2] ?? '');
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
