// Keys, indexes, foreign keys and checks of a table that exists on both sides. Uniques and
// foreign keys compare by what they constrain (names are PostgreSQL's business); indexes by name,
// as Alembic does. Drops run before column changes, creations after them.
import type { MigrationOp } from '../schema/ops';
import type { TableSchema } from '../schema/types';
import { checkSignature, foreignKeySignature, indexSignature, keySignature } from './compare';
import type { Change, ChangeOf, CheckChange, ForeignKeyChange, IndexChange, KeyChange } from './types';

export interface ConstraintChanges {
  drops: Change[];
  creates: Change[];
}

type ConstraintKind = (IndexChange | KeyChange | ForeignKeyChange | CheckChange)['kind'];
/** What a constraint change of this kind carries besides the common fields (its index, key, foreign key or check). */
type Extra<K extends ConstraintKind> = Omit<ChangeOf<K>, 'kind' | 'table' | 'onExistingTable' | 'upgrade' | 'downgrade'>;

function change<K extends ConstraintKind>(kind: K, table: string, upgrade: MigrationOp[], downgrade: MigrationOp[], extra: Extra<K>): Change {
  return { kind, table, onExistingTable: true, upgrade, downgrade, ...extra } as ChangeOf<K>;
}

export function diffConstraints(name: string, from: TableSchema, to: TableSchema): ConstraintChanges {
  const drops: Change[] = [];
  const creates: Change[] = [];
  const column = (columns: string[]) => (columns.length === 1 ? { column: columns[0] as string } : {});

  // Foreign keys first among drops: a unique or primary key they rely on may go next.
  const toFks = new Set(to.foreignKeys.map(foreignKeySignature));
  const fromFks = new Set(from.foreignKeys.map(foreignKeySignature));
  for (const fk of from.foreignKeys) {
    if (toFks.has(foreignKeySignature(fk))) continue;
    drops.push(
      change(
        'dropForeignKey',
        name,
        [{ kind: 'dropConstraint', table: name, name: fk.name, type: 'foreignkey' }],
        [{ kind: 'createForeignKey', table: name, foreignKey: structuredClone(fk) }],
        { foreignKey: fk, ...column(fk.columns) },
      ),
    );
  }

  const toChecks = new Set(to.checks.map((c) => checkSignature(c.expression)));
  const fromChecks = new Set(from.checks.map((c) => checkSignature(c.expression)));
  for (const check of from.checks) {
    if (toChecks.has(checkSignature(check.expression))) continue;
    drops.push(
      change(
        'dropCheck',
        name,
        [{ kind: 'dropConstraint', table: name, name: check.name, type: 'check' }],
        [{ kind: 'createCheck', table: name, check: { ...check } }],
        { check },
      ),
    );
  }

  const toUniques = new Set(to.uniques.map(keySignature));
  const fromUniques = new Set(from.uniques.map(keySignature));
  for (const key of from.uniques) {
    if (toUniques.has(keySignature(key))) continue;
    drops.push(
      change(
        'dropUnique',
        name,
        [{ kind: 'dropConstraint', table: name, name: key.name, type: 'unique' }],
        [{ kind: 'createUnique', table: name, key: structuredClone(key) }],
        { key, ...column(key.columns) },
      ),
    );
  }

  const toIndexes = new Map(to.indexes.map((i) => [i.name, i]));
  const fromIndexes = new Map(from.indexes.map((i) => [i.name, i]));
  for (const index of from.indexes) {
    const now = toIndexes.get(index.name);
    if (now && indexSignature(now) === indexSignature(index)) continue;
    drops.push(
      change('dropIndex', name, [{ kind: 'dropIndex', table: name, name: index.name }], [{ kind: 'createIndex', table: name, index: structuredClone(index) }], {
        index,
        ...column(index.columns),
      }),
    );
  }

  const pkChanged = (from.primaryKey ? keySignature(from.primaryKey) : '') !== (to.primaryKey ? keySignature(to.primaryKey) : '');
  if (pkChanged && from.primaryKey) {
    const key = from.primaryKey;
    drops.push(
      change(
        'dropPrimaryKey',
        name,
        [{ kind: 'dropConstraint', table: name, name: key.name, type: 'primary' }],
        [{ kind: 'createPrimaryKey', table: name, key: structuredClone(key) }],
        { key },
      ),
    );
  }
  if (pkChanged && to.primaryKey) {
    const key = to.primaryKey;
    creates.push(
      change(
        'createPrimaryKey',
        name,
        [{ kind: 'createPrimaryKey', table: name, key: structuredClone(key) }],
        [{ kind: 'dropConstraint', table: name, name: key.name, type: 'primary' }],
        { key },
      ),
    );
  }

  for (const key of to.uniques) {
    if (fromUniques.has(keySignature(key))) continue;
    creates.push(
      change(
        'createUnique',
        name,
        [{ kind: 'createUnique', table: name, key: structuredClone(key) }],
        [{ kind: 'dropConstraint', table: name, name: key.name, type: 'unique' }],
        { key, ...column(key.columns) },
      ),
    );
  }
  for (const index of to.indexes) {
    const was = fromIndexes.get(index.name);
    if (was && indexSignature(was) === indexSignature(index)) continue;
    creates.push(
      change(
        'createIndex',
        name,
        [{ kind: 'createIndex', table: name, index: structuredClone(index) }],
        [{ kind: 'dropIndex', table: name, name: index.name }],
        { index, ...column(index.columns) },
      ),
    );
  }
  for (const fk of to.foreignKeys) {
    if (fromFks.has(foreignKeySignature(fk))) continue;
    creates.push(
      change(
        'createForeignKey',
        name,
        [{ kind: 'createForeignKey', table: name, foreignKey: structuredClone(fk) }],
        [{ kind: 'dropConstraint', table: name, name: fk.name, type: 'foreignkey' }],
        { foreignKey: fk, ...column(fk.columns) },
      ),
    );
  }
  for (const check of to.checks) {
    if (fromChecks.has(checkSignature(check.expression))) continue;
    creates.push(
      change(
        'createCheck',
        name,
        [{ kind: 'createCheck', table: name, check: { ...check } }],
        [{ kind: 'dropConstraint', table: name, name: check.name, type: 'check' }],
        { check },
      ),
    );
  }
  return { drops, creates };
}
