// applyOps: a schema plus ops → the schema after them. Pure: the input schema is not modified.
import type { Dialect } from '../../project/database';
import type { Note } from '../../source';
import type { MigrationOp } from '../../schema/ops';
import { cloneSchema, type Schema } from '../../schema/types';
import { readDdl } from '../sql/ddl';
import type { ApplyContext } from './context';
import { isLenient } from './lenient';
import { applyAddColumn, applyAlterColumn, applyCreateTable, applyDropColumn, applyDropTable, applyRenameTable } from './tables';
import {
  applyAddEnumValue,
  applyCreateCheck,
  applyCreateEnum,
  applyCreateForeignKey,
  applyCreateIndex,
  applyCreatePrimaryKey,
  applyCreateUnique,
  applyDropConstraint,
  applyDropEnum,
  applyDropIndex,
} from './constraints';

export interface ApplyOptions {
  /** The database the history runs on; PostgreSQL when not given. */
  dialect?: Dialect;
}

/** Applies one op in place. */
export function applyOpInPlace(schema: Schema, op: MigrationOp, notes: Note[], options: ApplyOptions = {}): void {
  const context: ApplyContext = {
    notes,
    ...(op.location ? { location: op.location } : {}),
    lenient: isLenient(op),
    ...(options.dialect ? { dialect: options.dialect } : {}),
  };
  switch (op.kind) {
    case 'createTable':
      return applyCreateTable(schema, op, context);
    case 'dropTable':
      return applyDropTable(schema, op, context);
    case 'renameTable':
      return applyRenameTable(schema, op, context);
    case 'addColumn':
      return applyAddColumn(schema, op, context);
    case 'dropColumn':
      return applyDropColumn(schema, op, context);
    case 'alterColumn':
      return applyAlterColumn(schema, op, context);
    case 'createIndex':
      return applyCreateIndex(schema, op, context);
    case 'dropIndex':
      return applyDropIndex(schema, op, context);
    case 'createUnique':
      return applyCreateUnique(schema, op, context);
    case 'createPrimaryKey':
      return applyCreatePrimaryKey(schema, op, context);
    case 'createForeignKey':
      return applyCreateForeignKey(schema, op, context);
    case 'createCheck':
      return applyCreateCheck(schema, op, context);
    case 'dropConstraint':
      return applyDropConstraint(schema, op, context);
    case 'createEnum':
      return applyCreateEnum(schema, op, context);
    case 'dropEnum':
      return applyDropEnum(schema, op, context);
    case 'addEnumValue':
      return applyAddEnumValue(schema, op, context);
    case 'executeSql': {
      // The DDL in it, read with the column types as they are now (SET DEFAULT depends on them).
      const reading = readDdl(op.sql, op.location, (t, c) => schema.tables[t]?.columns[c]?.type, schema);
      for (const inner of reading.ops) applyOpInPlace(schema, inner, notes, options);
      return;
    }
  }
}

/**
 * The schema after `ops`, with a note for every op real PostgreSQL would reject (the op is skipped).
 * Does not modify `schema`.
 */
export function applyOps(schema: Schema, ops: readonly MigrationOp[], notes: Note[], options: ApplyOptions = {}): Schema {
  const result = cloneSchema(schema);
  for (const op of ops) applyOpInPlace(result, op, notes, options);
  return result;
}
