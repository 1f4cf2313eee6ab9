// A scenario: models before and after one change, and what must hold around it.
export interface Scenario {
  name: string;
  /** Model classes (after the shared header that defines `db` and imports `sa`). */
  before: string;
  after: string;
  /** Extra `revision` flags: rename choices (["--rename", "user.name=full_name"]) or ["--concurrently", INDEX]. */
  renames?: string[];
  /** SQL run on the "before" database before upgrading (rows that must survive). */
  seed?: string[];
  /** A query whose result must be the same before the upgrade, after it, and after the downgrade. */
  survives?: string;
  /** ...or, when the upgrade changes how values look, what it must return after the upgrade. */
  survivesAfterUpgrade?: string;
  /** Finding codes `check` must report on the "after" models (MG001 is implied). */
  expect: string[];
  /** `check` reports exactly `expect` (and MG001), nothing else. */
  only?: boolean;
  /** `survivesAfterUpgrade` must return exactly what `survives` returned before (the same values under new names). */
  sameValuesAfterUpgrade?: boolean;
  /**
   * Dropped NOT NULL columns ("table.column") that real `flask db downgrade` brings back nullable: the
   * revision adds them back nullable (no backup under plain Flask-Migrate; our downgrade restores them).
   */
  downgradesNullable?: string[];
  /** Patterns the written revision must match (header comments, ops). */
  revisionMatches?: RegExp[];
}

export const MODELS_HEADER = `import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

`;

/** A scenario's model text, indented consistently. */
export const py = (strings: TemplateStringsArray, ...values: unknown[]) =>
  String.raw({ raw: strings }, ...values)
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n');
