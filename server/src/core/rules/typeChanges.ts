// What a column type change does to stored values (MF105) and to the table on disk (PG301).
// The effect follows what PostgreSQL does, measured by server/test/db/typeChanges.test.ts (the
// table in docs/type-changes.md): "refuses" — the ALTER fails when a value does not fit, the
// migration rolls back and nothing is lost; "changes" — it succeeds and values come out different
// (rounded, truncated, re-spelled): data loss.
import { needsUsingCast } from '../render/sqlNames';

const varcharLength = (t: string) => {
  const m = /^(?:character varying|varchar|character|char|bpchar)\((\d+)\)$/.exec(t);
  return m ? Number(m[1]) : /^(character varying|varchar|text|citext)$/.test(t) ? Infinity : null;
};
const numericSpec = (t: string) => {
  const m = /^numeric(?:\((\d+)(?:,(\d+))?\))?$/.exec(t.replace(/\s/g, ''));
  if (!m) return null;
  return m[1] === undefined ? { precision: Infinity, scale: Infinity } : { precision: Number(m[1]), scale: Number(m[2] ?? 0) };
};

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

export interface TypeChangeEffect {
  /** none: every value kept; refuses: PostgreSQL refuses values that do not fit (nothing lost); changes: values silently change (data lost). */
  effect: 'none' | 'refuses' | 'changes';
  /** Plain words: for refuses, the values that do not fit ("values longer than 20 characters"); for changes, what happens to them (empty for none). */
  reason: string;
}

const NONE: TypeChangeEffect = { effect: 'none', reason: '' };
const refuses = (reason: string): TypeChangeEffect => ({ effect: 'refuses', reason });
const changes = (reason: string): TypeChangeEffect => ({ effect: 'changes', reason });

/** Digits an integer type can need, and the most a type holds exactly in a float mantissa. */
const INT_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };
const EXACT_DIGITS: Record<string, number> = { real: 6, 'double precision': 15 };
const TEXTUAL = /^(character varying|varchar|character|char|bpchar|text|citext)(\(\d+\))?$/;
const timestampPrecision = (t: string) => {
  const m = /^timestamp(?:\((\d)\))? with(out)? time zone$/.exec(t);
  return m ? Number(m[1] ?? 6) : null;
};

/** What a USING expression written by hand does on top of the type change: a cast to a sized type truncates or rounds. */
function usingEffect(using: string): TypeChangeEffect | null {
  if (/::\s*(character varying|varchar|character|char|bpchar)\s*\(\s*\d+\s*\)/i.test(using))
    return changes('the explicit cast in USING truncates longer values instead of refusing them');
  if (/::\s*(numeric|decimal)\s*\(\s*\d+\s*,\s*\d+\s*\)/i.test(using)) return changes('the explicit cast in USING rounds extra decimals');
  return null;
}

function numberToNumber(a: string, b: string): TypeChangeEffect | null {
  const [na, nb] = [numericSpec(a), numericSpec(b)];
  const [ia, ib] = [INT_DIGITS[a], INT_DIGITS[b]];
  const [fa, fb] = [EXACT_DIGITS[a], EXACT_DIGITS[b]];
  if (na && nb) {
    if (nb.scale < na.scale)
      return changes(
        nb.scale === 0
          ? 'fractions are rounded to whole numbers'
          : `digits after the ${nb.scale}${nb.scale === 1 ? 'st' : nb.scale === 2 ? 'nd' : nb.scale === 3 ? 'rd' : 'th'} decimal are rounded away`,
      );
    if (nb.precision - nb.scale < na.precision - na.scale) return refuses(`numbers with more than ${nb.precision - nb.scale} digits before the decimal point`);
    return NONE;
  }
  if (ia !== undefined && ib !== undefined) return ib < ia ? refuses(`numbers beyond the ${b} range`) : NONE;
  if (ia !== undefined && nb)
    return nb.precision - nb.scale < ia ? refuses(`numbers with more than ${nb.precision - nb.scale} digits before the decimal point`) : NONE;
  if (ia !== undefined && fb !== undefined) return ia > fb ? changes(`large whole numbers lose their last digits in ${b}`) : NONE;
  if (na && ib !== undefined) {
    if (na.scale > 0) return changes('fractions are rounded to whole numbers');
    return na.precision < ib ? NONE : refuses(`numbers beyond the ${b} range`);
  }
  if (fa !== undefined && ib !== undefined) return changes('fractions are rounded to whole numbers');
  if (fa !== undefined && fb !== undefined) return fb < fa ? changes('values lose precision') : NONE;
  if (na && fb !== undefined) return na.precision <= fb ? NONE : changes('exact decimals become approximate floating-point values (long numbers lose digits)');
  if (fa !== undefined && nb) return changes('floating-point values are rounded to the numeric scale');
  return null;
}

/**
 * What changing a column from `from` to `to` does to its values on PostgreSQL, with the ALTER our
 * revisions write (a USING cast only where needed). `using`: a hand-written USING; `labelsRemoved`:
 * an enum recreated without these labels; `fromLabels`: the labels of an enum `from`.
 */
export function typeChangeEffect(
  from: string,
  to: string,
  enums: ReadonlySet<string>,
  opts: { using?: string; labelsRemoved?: string[]; fromLabels?: readonly string[] } = {},
): TypeChangeEffect {
  if (opts.labelsRemoved && opts.labelsRemoved.length > 0) {
    return refuses(`rows still holding ${opts.labelsRemoved.map((l) => `'${l}'`).join(', ')}`);
  }
  const a = from
    .trim()
    .toLowerCase()
    .replace(/\s*,\s*/g, ',');
  const b = to
    .trim()
    .toLowerCase()
    .replace(/\s*,\s*/g, ',');
  const byHand = opts.using ? usingEffect(opts.using) : null;
  if (byHand) return byHand;
  if (a === b) return NONE;
  const [la, lb] = [varcharLength(a), varcharLength(b)];
  const textA = TEXTUAL.test(a);
  const textB = TEXTUAL.test(b);
  if (textA && textB) return lb !== null && la !== null && lb < la ? refuses(`values longer than ${lb} characters`) : NONE;
  if (textB) {
    if (lb === null || lb === Infinity) return NONE;
    // An enum's values are its labels: they fit when every label does.
    if (opts.fromLabels && enums.has(a)) return opts.fromLabels.some((l) => l.length > lb) ? refuses(`labels longer than ${lb} characters`) : NONE;
    return refuses(`values longer than ${lb} characters`);
  }
  if (textA && enums.has(b)) return refuses(`values that are not labels of ${b}`);
  if (textA)
    return changes(
      `the text is parsed as ${b}: values that do not parse make PostgreSQL refuse, and the others come back spelled its way (leading zeros, case, spacing, trailing zeros are lost)`,
    );
  const numbers = numberToNumber(a, b);
  if (numbers) return numbers;
  const [pa, pb] = [timestampPrecision(a), timestampPrecision(b)];
  if (pa !== null && pb !== null)
    return pb < pa ? changes(pb === 0 ? 'fractions of a second are rounded away' : `fractions of a second beyond ${pb} digits are rounded away`) : NONE;
  if (pa !== null && b === 'date') return changes('the time of day is dropped');
  if (pa !== null && /^time\b/.test(b)) return changes('the date is dropped');
  if (a === 'date' && pb !== null) return NONE;
  if (a === 'boolean' && INT_DIGITS[b] !== undefined) return NONE;
  if (INT_DIGITS[a] !== undefined && b === 'boolean') return changes('every number other than 0 becomes true');
  if (a === 'json' && b === 'jsonb') return changes('JSON is stored parsed: spacing and key order are not kept, and of duplicate keys only the last survives');
  if (a === 'jsonb' && b === 'json') return NONE;
  if (needsUsingCast(a, b, enums)) return refuses(`values that cannot be converted from ${from} to ${to}`);
  return NONE;
}

/** Why `from` → `to` may lose or refuse stored values (either effect), or null when every value fits. */
export function narrowingReason(from: string, to: string, enums: ReadonlySet<string>): string | null {
  const effect = typeChangeEffect(from, to, enums);
  return effect.effect === 'none' ? null : effect.reason;
}
