// What a column type change does to stored values (MF105) and to the table on disk (PG301).
// The effect follows what PostgreSQL does, measured by server/test/db/typeChanges.test.ts (the
// table in docs/type-changes.md): "refuses" — the ALTER fails when a value does not fit, the
// migration rolls back and nothing is lost; "changes" — it succeeds and values come out different
// (rounded, truncated, re-spelled): data loss.
import * as l10n from '@vscode/l10n';
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
    return changes(l10n.t('the explicit cast in USING truncates longer values instead of refusing them'));
  if (/::\s*(numeric|decimal)\s*\(\s*\d+\s*,\s*\d+\s*\)/i.test(using)) return changes(l10n.t('the explicit cast in USING rounds extra decimals'));
  return null;
}

/** "digits after the 2nd decimal are rounded away": one message per English ordinal suffix. */
function decimalsRoundedAway(scale: number): string {
  if (scale === 1) return l10n.t('digits after the 1st decimal are rounded away');
  if (scale === 2) return l10n.t('digits after the 2nd decimal are rounded away');
  if (scale === 3) return l10n.t('digits after the 3rd decimal are rounded away');
  return l10n.t('digits after the {0}th decimal are rounded away', scale);
}

function numberToNumber(a: string, b: string): TypeChangeEffect | null {
  const [na, nb] = [numericSpec(a), numericSpec(b)];
  const [ia, ib] = [INT_DIGITS[a], INT_DIGITS[b]];
  const [fa, fb] = [EXACT_DIGITS[a], EXACT_DIGITS[b]];
  if (na && nb) {
    if (nb.scale < na.scale) return changes(nb.scale === 0 ? l10n.t('fractions are rounded to whole numbers') : decimalsRoundedAway(nb.scale));
    if (nb.precision - nb.scale < na.precision - na.scale)
      return refuses(l10n.t('numbers with more than {0} digits before the decimal point', nb.precision - nb.scale));
    return NONE;
  }
  if (ia !== undefined && ib !== undefined) return ib < ia ? refuses(l10n.t('numbers beyond the {0} range', b)) : NONE;
  if (ia !== undefined && nb)
    return nb.precision - nb.scale < ia ? refuses(l10n.t('numbers with more than {0} digits before the decimal point', nb.precision - nb.scale)) : NONE;
  if (ia !== undefined && fb !== undefined) return ia > fb ? changes(l10n.t('large whole numbers lose their last digits in {0}', b)) : NONE;
  if (na && ib !== undefined) {
    if (na.scale > 0) return changes(l10n.t('fractions are rounded to whole numbers'));
    return na.precision < ib ? NONE : refuses(l10n.t('numbers beyond the {0} range', b));
  }
  if (fa !== undefined && ib !== undefined) return changes(l10n.t('fractions are rounded to whole numbers'));
  if (fa !== undefined && fb !== undefined) return fb < fa ? changes(l10n.t('values lose precision')) : NONE;
  if (na && fb !== undefined)
    return na.precision <= fb ? NONE : changes(l10n.t('exact decimals become approximate floating-point values (long numbers lose digits)'));
  if (fa !== undefined && nb) return changes(l10n.t('floating-point values are rounded to the numeric scale'));
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
    return refuses(l10n.t('rows still holding {0}', opts.labelsRemoved.map((l) => `'${l}'`).join(', ')));
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
  if (textA && textB) return lb !== null && la !== null && lb < la ? refuses(l10n.t('values longer than {0} characters', lb)) : NONE;
  if (textB) {
    if (lb === null || lb === Infinity) return NONE;
    // An enum's values are its labels: they fit when every label does.
    if (opts.fromLabels && enums.has(a)) return opts.fromLabels.some((l) => l.length > lb) ? refuses(l10n.t('labels longer than {0} characters', lb)) : NONE;
    return refuses(l10n.t('values longer than {0} characters', lb));
  }
  if (textA && enums.has(b)) return refuses(l10n.t('values that are not labels of {0}', b));
  if (textA)
    return changes(
      l10n.t(
        'the text is parsed as {0}: values that do not parse make PostgreSQL refuse, and the others come back spelled its way (leading zeros, case, spacing, trailing zeros are lost)',
        b,
      ),
    );
  const numbers = numberToNumber(a, b);
  if (numbers) return numbers;
  const [pa, pb] = [timestampPrecision(a), timestampPrecision(b)];
  if (pa !== null && pb !== null)
    return pb < pa
      ? changes(pb === 0 ? l10n.t('fractions of a second are rounded away') : l10n.t('fractions of a second beyond {0} digits are rounded away', pb))
      : NONE;
  if (pa !== null && b === 'date') return changes(l10n.t('the time of day is dropped'));
  if (pa !== null && /^time\b/.test(b)) return changes(l10n.t('the date is dropped'));
  if (a === 'date' && pb !== null) return NONE;
  if (a === 'boolean' && INT_DIGITS[b] !== undefined) return NONE;
  if (INT_DIGITS[a] !== undefined && b === 'boolean') return changes(l10n.t('every number other than 0 becomes true'));
  if (a === 'json' && b === 'jsonb')
    return changes(l10n.t('JSON is stored parsed: spacing and key order are not kept, and of duplicate keys only the last survives'));
  if (a === 'jsonb' && b === 'json') return NONE;
  if (needsUsingCast(a, b, enums)) return refuses(l10n.t('values that cannot be converted from {0} to {1}', from, to));
  return NONE;
}

/** Why `from` → `to` may lose or refuse stored values (either effect), or null when every value fits. */
export function narrowingReason(from: string, to: string, enums: ReadonlySet<string>): string | null {
  const effect = typeChangeEffect(from, to, enums);
  return effect.effect === 'none' ? null : effect.reason;
}
