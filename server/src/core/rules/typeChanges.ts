// What a column type change does to stored values (MF105) and to the table on disk (PG301).
import { needsUsingCast } from '../render/sqlNames';

const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
const FLOAT_RANK: Record<string, number> = { real: 1, 'double precision': 2 };

const varcharLength = (t: string) => {
  const m = /^(?:character varying|varchar)\((\d+)\)$/.exec(t);
  return m ? Number(m[1]) : /^(character varying|varchar|text)$/.test(t) ? Infinity : null;
};
const numericSpec = (t: string) => {
  const m = /^numeric(?:\((\d+)(?:,(\d+))?\))?$/.exec(t.replace(/\s/g, ''));
  if (!m) return null;
  return m[1] === undefined ? { precision: Infinity, scale: Infinity } : { precision: Number(m[1]), scale: Number(m[2] ?? 0) };
};

/** Why `from` → `to` may lose or refuse stored values, or null when every value fits. */
export function narrowingReason(from: string, to: string, enums: ReadonlySet<string>): string | null {
  const a = from.trim().toLowerCase();
  const b = to.trim().toLowerCase();
  if (a === b) return null;
  const [la, lb] = [varcharLength(a), varcharLength(b)];
  if (la !== null && lb !== null) return lb < la ? `values longer than ${lb} characters do not fit` : null;
  const [na, nb] = [numericSpec(a), numericSpec(b)];
  if (na && nb) {
    if (nb.scale < na.scale) return `digits after the ${nb.scale === 0 ? 'decimal point are rounded away' : `${nb.scale}th decimal are rounded away`}`;
    if (nb.precision - nb.scale < na.precision - na.scale) return `numbers with more than ${nb.precision - nb.scale} digits before the decimal point do not fit`;
    return null;
  }
  if (INT_RANK[a] && INT_RANK[b]) return (INT_RANK[b] as number) < (INT_RANK[a] as number) ? `numbers beyond the ${b} range do not fit` : null;
  if (INT_RANK[a] && (nb || FLOAT_RANK[b])) return null;
  if (FLOAT_RANK[a] && FLOAT_RANK[b]) return (FLOAT_RANK[b] as number) < (FLOAT_RANK[a] as number) ? 'values lose precision' : null;
  if ((na || FLOAT_RANK[a]) && INT_RANK[b]) return 'fractions are rounded to whole numbers';
  if (na && FLOAT_RANK[b]) return 'exact decimals become approximate floating-point values';
  if (/^timestamp.*with time zone$/.test(a) && /^timestamp.*without time zone$/.test(b)) return null;
  if (/^timestamp/.test(a) && b === 'date') return 'the time of day is dropped';
  if (needsUsingCast(a, b, enums)) return `values that cannot be converted from ${from} to ${to} make the migration fail`;
  if (lb !== null && lb !== Infinity) return `values longer than ${lb} characters do not fit`;
  return null;
}

/** Whether PostgreSQL rewrites the whole table (under ACCESS EXCLUSIVE) for this type change. */
export function rewritesTable(from: string, to: string): boolean {
  const a = from.trim().toLowerCase();
  const b = to.trim().toLowerCase();
  if (a === b) return false;
  const [la, lb] = [varcharLength(a), varcharLength(b)];
  // Widening a varchar, or varchar → text, only changes the catalog.
  if (la !== null && lb !== null) return !(lb >= la);
  const [na, nb] = [numericSpec(a), numericSpec(b)];
  // Same scale, more precision (or unconstrained) is catalog-only too.
  if (na && nb) return !(nb.scale === na.scale && nb.precision >= na.precision) && !(nb.precision === Infinity);
  return true;
}
