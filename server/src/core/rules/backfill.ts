// A neutral value to fill existing rows with when a column becomes NOT NULL: the SQL for the
// migration's UPDATE, and the Python to put in a model's server_default=.
import * as l10n from '@vscode/l10n';
import { quoteLiteral } from '../render/sqlNames';

export interface Backfill {
  sql: string;
  python: string;
  /** What the existing rows get, in words, e.g. "an empty string ('')" (in the user's language: fix titles only). */
  meaning: string;
  /** A placeholder rather than a value anyone would choose (an empty string): fill it for real in two steps. */
  placeholder: boolean;
}

export function backfillFor(type: string, enums: Record<string, string[]>): Backfill | null {
  const t = type.trim().toLowerCase();
  const labels = enums[type];
  if (labels && labels.length > 0)
    return {
      sql: quoteLiteral(labels[0] as string),
      python: JSON.stringify(labels[0]),
      meaning: l10n.t('the first label, {0}', quoteLiteral(labels[0] as string)),
      placeholder: false,
    };
  if (t.endsWith('[]')) return { sql: "'{}'", python: '"{}"', meaning: l10n.t("an empty array ('{}')"), placeholder: true };
  if (/^(text|character varying|character|varchar|char|citext)/.test(t))
    return { sql: "''", python: '""', meaning: l10n.t("an empty string ('')"), placeholder: true };
  if (/^(smallint|integer|bigint|numeric|decimal|real|double precision|money)/.test(t)) return { sql: '0', python: '"0"', meaning: '0', placeholder: false };
  if (t === 'boolean') return { sql: 'false', python: 'sa.false()', meaning: 'false', placeholder: false };
  if (t === 'date') return { sql: 'CURRENT_DATE', python: 'sa.func.current_date()', meaning: l10n.t('the date the migration runs'), placeholder: false };
  if (/^timestamp/.test(t)) return { sql: 'now()', python: 'sa.func.now()', meaning: l10n.t('the time the migration runs'), placeholder: false };
  if (/^time/.test(t)) return { sql: "'00:00'", python: '"00:00"', meaning: l10n.t('midnight (00:00)'), placeholder: false };
  if (t === 'interval') return { sql: "'0'", python: '"0"', meaning: l10n.t('a zero interval'), placeholder: false };
  if (t === 'uuid') return { sql: 'gen_random_uuid()', python: 'sa.text("gen_random_uuid()")', meaning: l10n.t('a new random UUID each'), placeholder: false };
  if (t === 'json' || t === 'jsonb') return { sql: "'{}'", python: '"{}"', meaning: l10n.t("an empty JSON object ('{}')"), placeholder: true };
  if (t === 'bytea') return { sql: "''", python: '""', meaning: l10n.t("empty bytes ('')"), placeholder: true };
  return null;
}
