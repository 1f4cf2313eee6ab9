// Drift: the live schema compared with the schema the migrations build at the revision the database
// records. Every difference becomes an MG002 finding, anchored on the recorded revision's file.
import type { Change } from '../core/diff/types';
import { diffSchemas } from '../core/diff';
import type { Finding } from '../core/findings';
import type { Schema } from '../core/schema/types';
import type { SourceLocation } from '../core/source';

export const DRIFT_CODE = 'MG002';

const where = (c: Change) => (c.column ? `${c.table}.${c.column}` : (c.table ?? c.enumName ?? ''));

/** Plain words for one difference, read as "migrations → database". */
export function describeDrift(change: Change, revision: string): string {
  const at = `the migrations at ${revision}`;
  switch (change.kind) {
    case 'createTable': return `table "${change.table}" is in the database but ${at} do not create it`;
    case 'dropTable': return `table "${change.table}" is missing from the database although ${at} create it`;
    case 'addColumn': return `column "${where(change)}" is in the database but ${at} do not create it`;
    case 'dropColumn': return `column "${where(change)}" is missing from the database although ${at} create it`;
    case 'alterColumn': {
      const a = change.alteration ?? {};
      const parts: string[] = [];
      if (a.type) parts.push(`type ${a.type[0]} in the migrations, ${a.type[1]} in the database`);
      if (a.nullable) parts.push(a.nullable[1] ? 'nullable in the database but NOT NULL in the migrations' : 'NOT NULL in the database but nullable in the migrations');
      if (a.default) parts.push(`default ${a.default[0] ?? 'none'} in the migrations, ${a.default[1] ?? 'none'} in the database`);
      return `column "${where(change)}" differs: ${parts.join('; ')}`;
    }
    case 'createIndex': return `index "${change.index?.name}" on "${change.table}" is in the database only`;
    case 'dropIndex': return `index "${change.index?.name}" on "${change.table}" is missing from the database`;
    case 'createUnique': return `unique constraint (${change.key?.columns.join(', ')}) on "${change.table}" is in the database only`;
    case 'dropUnique': return `unique constraint (${change.key?.columns.join(', ')}) on "${change.table}" is missing from the database`;
    case 'createPrimaryKey': return `primary key (${change.key?.columns.join(', ')}) on "${change.table}" is in the database only`;
    case 'dropPrimaryKey': return `primary key (${change.key?.columns.join(', ')}) on "${change.table}" is missing from the database`;
    case 'createForeignKey': return `foreign key (${change.foreignKey?.columns.join(', ')}) → ${change.foreignKey?.refTable} on "${change.table}" is in the database only`;
    case 'dropForeignKey': return `foreign key (${change.foreignKey?.columns.join(', ')}) → ${change.foreignKey?.refTable} on "${change.table}" is missing from the database`;
    case 'createCheck': return `a check constraint on "${change.table}" is in the database only`;
    case 'dropCheck': return `a check constraint on "${change.table}" is missing from the database`;
    case 'createEnum': return `enum type "${change.enumName}" is in the database only`;
    case 'dropEnum': return `enum type "${change.enumName}" is missing from the database`;
    case 'addEnumValues':
    case 'recreateEnum': return `enum type "${change.enumName}" has labels (${(change.enumAfter ?? []).join(', ')}) in the database but (${(change.enumBefore ?? []).join(', ')}) in the migrations`;
    case 'renameTable':
    case 'renameColumn': return `"${change.renamedFrom}" is named "${where(change)}" in the database`;
  }
}

export interface DriftInput {
  live: Schema;
  replayed: Schema;
  /** The recorded revision(s), for messages ("base" when none). */
  revisions: readonly string[];
  /** Where to anchor the findings: the recorded revision's file (or the versions folder). */
  anchor: SourceLocation;
}

/** MG002 findings, one per difference; empty when the database is exactly what the migrations build. */
export function detectDrift(input: DriftInput): Finding[] {
  const revision = input.revisions.length ? input.revisions.join(', ') : 'base';
  return diffSchemas(input.replayed, input.live).map((change) => ({
    code: DRIFT_CODE,
    severity: 'warning',
    message: `Database drift: ${describeDrift(change, revision)}.`,
    file: input.anchor.file,
    range: input.anchor.range,
    table: change.table ?? change.enumName ?? '',
    ...(change.column ? { column: change.column } : {}),
    destructive: false,
    fixes: [],
  }));
}
