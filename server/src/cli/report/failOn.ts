// `check --fail-on CODE|severity[,…]`: which findings fail the build (exit 1). Without it, exit 1
// means a migration is pending (the contract of ARCHITECTURE.md). With it, exit 1 only when a finding
// has a listed code or a severity at least as high as a listed one; `none` never fails.
import type { Finding, FindingSeverity } from '../../core/findings';
import { ruleFor } from '../../core/rules';
import * as l10n from '@vscode/l10n';

const RANK: Record<FindingSeverity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export type FailOn = { codes: Set<string>; minSeverity: FindingSeverity | null; never: boolean };

const TEXT = {
  unknown: (value: string) => l10n.t('--fail-on takes finding codes (e.g. DS103), a severity (error, warning, info, hint) or none; got "{0}"', value),
};

/** Parses the flag's values (repeatable, comma-separated); throws with a clear message on a typo. */
export function parseFailOn(values: readonly string[]): FailOn {
  const out: FailOn = { codes: new Set(), minSeverity: null, never: false };
  for (const value of values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)) {
    const lower = value.toLowerCase();
    if (lower === 'none') out.never = true;
    else if (lower in RANK)
      out.minSeverity = out.minSeverity === null || RANK[lower as FindingSeverity] < RANK[out.minSeverity] ? (lower as FindingSeverity) : out.minSeverity;
    else if (ruleFor(value.toUpperCase())) out.codes.add(value.toUpperCase());
    else throw new Error(TEXT.unknown(value));
  }
  return out;
}

export function failsOn(policy: FailOn, findings: readonly Finding[]): boolean {
  if (policy.never) return false;
  return findings.some((f) => policy.codes.has(f.code) || (policy.minSeverity !== null && RANK[f.severity] >= RANK[policy.minSeverity]));
}
