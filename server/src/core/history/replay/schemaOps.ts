// `schema=` on an op (and create_foreign_key's source_schema= / referent_schema=): the tables the op
// names are keyed "<schema>.<table>" (schema/tableKey.ts), so the replay tracks each schema's tables
// apart. The table-name arguments are qualified before the handler reads them, so everything the
// handler derives from the name (serial sequences, implicit constraint names) sees the schema too.
import { strValue, type PyExpr } from '../../python/expr';
import type { MigrationOp } from '../../schema/ops';
import { tableKey } from '../../schema/tableKey';
import type { CallExpr } from './args';

/** Per op: the (position, keyword) of each table-name argument `schema=` applies to. */
const TABLE_ARGS: Record<string, [number, string][]> = {
  create_table: [[0, 'table_name']],
  drop_table: [[0, 'table_name']],
  rename_table: [
    [0, 'old_table_name'],
    [1, 'new_table_name'],
  ],
  add_column: [[0, 'table_name']],
  drop_column: [[0, 'table_name']],
  alter_column: [[0, 'table_name']],
  create_index: [[1, 'table_name']],
  drop_index: [[1, 'table_name']],
  create_unique_constraint: [[1, 'table_name']],
  create_check_constraint: [[1, 'table_name']],
  create_primary_key: [[1, 'table_name']],
  drop_constraint: [[1, 'table_name']],
  create_foreign_key: [[1, 'source_table']],
};

function qualified(call: CallExpr, index: number, keyword: string, schema: string | null): CallExpr {
  const inKwargs = keyword in call.kwargs;
  const expr: PyExpr | undefined = inKwargs ? call.kwargs[keyword] : call.args[index];
  const value = strValue(expr);
  if (expr === undefined || value === undefined) return call;
  const keyed = tableKey(value, schema);
  if (keyed === value) return call;
  const key: PyExpr = { kind: 'str', value: keyed, range: expr.range };
  if (inKwargs) return { ...call, kwargs: { ...call.kwargs, [keyword]: key } };
  const args = [...call.args];
  args[index] = key;
  return { ...call, args };
}

/** The call with its table names keyed by `schema=` (and the referent by referent_schema=). */
export function callInSchema(call: CallExpr, op: string, schema: string | undefined, referentSchema: string | undefined): CallExpr {
  let out = call;
  // Without schema= too: a default-schema name holding a dot is keyed quoted (schema/tableKey.ts).
  for (const [index, keyword] of TABLE_ARGS[op] ?? []) out = qualified(out, index, keyword, schema ?? null);
  if (op === 'create_foreign_key') out = qualified(out, 2, 'referent_table', referentSchema ?? null);
  return out;
}

/** drop_index(name, schema=...) without its table: the index is looked up in that schema. */
export function opsInSchema(ops: MigrationOp[], schema: string | undefined): MigrationOp[] {
  if (schema === undefined || tableKey('', schema) === '') return ops;
  return ops.map((op) => (op.kind === 'dropIndex' && op.table === null ? { ...op, schema } : op));
}
