// A seeded generator of valid Alembic histories: each revision applies a few random ops to a small
// model of the schema, and its downgrade() undoes them in reverse. The oracle test runs them under
// real Alembic and compares; the benchmark uses long chains.
import type { RevisionSpec } from './alembicProject';
import { seededRandom as prng } from '../../../support/random';

interface Column {
  name: string;
  type: string;
  nullable: boolean;
  defaultSql: string | null;
}

interface Table {
  name: string;
  columns: Column[];
  indexes: string[];
  uniques: string[];
}

const TYPES = [
  { py: 'sa.String(length=40)', defaultPy: "'x'" },
  { py: 'sa.Integer()', defaultPy: "'0'" },
  { py: 'sa.Boolean()', defaultPy: 'sa.false()' },
  { py: 'sa.Text()', defaultPy: "''" },
  { py: 'sa.Numeric(precision=8, scale=2)', defaultPy: "'1.50'" },
  { py: 'sa.DateTime()', defaultPy: "sa.text('now()')" },
  { py: 'sa.BigInteger()', defaultPy: "sa.text('7')" },
];

export interface GeneratedHistory {
  revisions: RevisionSpec[];
  /** A revision about half way, for intermediate checks. */
  midpoint: string;
}

export function randomHistory(seed: number, length: number): GeneratedHistory {
  const random = prng(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const tables: Table[] = [];
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${++counter}`;
  const revisions: RevisionSpec[] = [];

  const newColumn = (): { column: Column; py: string } => {
    const type = pick(TYPES);
    const withDefault = random() < 0.4;
    const nullable = withDefault ? random() < 0.5 : true;
    const column: Column = { name: fresh('c'), type: type.py, nullable, defaultSql: withDefault ? type.defaultPy : null };
    const py = `sa.Column('${column.name}', ${type.py}${withDefault ? `, server_default=${type.defaultPy}` : ''}, nullable=${nullable ? 'True' : 'False'})`;
    return { column, py };
  };

  type Step = { up: string[]; down: string[] };
  const steps: Record<string, () => Step | null> = {
    createTable: () => {
      const name = fresh('t');
      const columns = [newColumn(), newColumn()];
      const refTarget = tables.length > 0 && random() < 0.5 ? pick(tables) : null;
      const fk = refTarget ? `, sa.Column('${refTarget.name}_id', sa.Integer(), sa.ForeignKey('${refTarget.name}.id', ondelete='CASCADE'), nullable=True)` : '';
      tables.push({
        name,
        columns: [
          { name: 'id', type: 'sa.Integer()', nullable: false, defaultSql: null },
          ...columns.map((c) => c.column),
          ...(refTarget ? [{ name: `${refTarget.name}_id`, type: 'sa.Integer()', nullable: true, defaultSql: null }] : []),
        ],
        indexes: [],
        uniques: [],
      });
      return {
        up: [
          `op.create_table('${name}', sa.Column('id', sa.Integer(), nullable=False), ${columns.map((c) => c.py).join(', ')}${fk}, sa.PrimaryKeyConstraint('id'))`,
        ],
        down: [`op.drop_table('${name}')`],
      };
    },
    addColumn: () => {
      if (tables.length === 0) return null;
      const table = pick(tables);
      const { column, py } = newColumn();
      table.columns.push(column);
      return { up: [`op.add_column('${table.name}', ${py})`], down: [`op.drop_column('${table.name}', '${column.name}')`] };
    },
    batchAddAndIndex: () => {
      if (tables.length === 0) return null;
      const table = pick(tables);
      const { column, py } = newColumn();
      const index = `ix_${table.name}_${column.name}`;
      table.columns.push(column);
      return {
        up: [
          `with op.batch_alter_table('${table.name}', schema=None) as batch_op:`,
          `    batch_op.add_column(${py})`,
          `    batch_op.create_index(batch_op.f('${index}'), ['${column.name}'], unique=False)`,
        ],
        down: [
          `with op.batch_alter_table('${table.name}', schema=None) as batch_op:`,
          `    batch_op.drop_index(batch_op.f('${index}'))`,
          `    batch_op.drop_column('${column.name}')`,
        ],
      };
    },
    alterString: () => {
      const candidates = tables.flatMap((t) => t.columns.filter((c) => c.type.startsWith('sa.String')).map((c) => ({ t, c })));
      if (candidates.length === 0) return null;
      const { t, c } = pick(candidates);
      const length = 40 + Math.floor(random() * 100);
      const before = c.type;
      c.type = `sa.String(length=${length})`;
      return {
        up: [`op.alter_column('${t.name}', '${c.name}', existing_type=${before}, type_=${c.type})`],
        down: [`op.alter_column('${t.name}', '${c.name}', existing_type=${c.type}, type_=${before})`],
      };
    },
    toggleNullable: () => {
      const candidates = tables.flatMap((t) => t.columns.filter((c) => c.name !== 'id' && !c.name.endsWith('_id')).map((c) => ({ t, c })));
      if (candidates.length === 0) return null;
      const { t, c } = pick(candidates);
      c.nullable = !c.nullable;
      return {
        up: [`op.alter_column('${t.name}', '${c.name}', existing_type=${c.type}, nullable=${c.nullable ? 'True' : 'False'})`],
        down: [`op.alter_column('${t.name}', '${c.name}', existing_type=${c.type}, nullable=${c.nullable ? 'False' : 'True'})`],
      };
    },
    renameColumn: () => {
      const candidates = tables.flatMap((t) => t.columns.filter((c) => c.name !== 'id' && !c.name.endsWith('_id')).map((c) => ({ t, c })));
      if (candidates.length === 0) return null;
      const { t, c } = pick(candidates);
      const before = c.name;
      c.name = fresh('r');
      return {
        up: [`op.alter_column('${t.name}', '${before}', new_column_name='${c.name}')`],
        down: [`op.alter_column('${t.name}', '${c.name}', new_column_name='${before}')`],
      };
    },
    unique: () => {
      const candidates = tables.flatMap((t) => t.columns.filter((c) => c.name !== 'id').map((c) => ({ t, c })));
      if (candidates.length === 0) return null;
      const { t, c } = pick(candidates);
      const name = `uq_${fresh('u')}`;
      t.uniques.push(name);
      return {
        up: [`op.create_unique_constraint('${name}', '${t.name}', ['${c.name}'])`],
        down: [`op.drop_constraint('${name}', '${t.name}', type_='unique')`],
      };
    },
    rawSql: () => {
      if (tables.length === 0) return null;
      const table = pick(tables);
      const column: Column = { name: fresh('s'), type: 'sa.Integer()', nullable: false, defaultSql: "'5'" };
      table.columns.push(column);
      return {
        up: [`op.execute('ALTER TABLE ${table.name} ADD COLUMN ${column.name} integer DEFAULT 5 NOT NULL')`],
        down: [`op.execute('ALTER TABLE ${table.name} DROP COLUMN ${column.name}')`],
      };
    },
  };
  const kinds = Object.keys(steps);
  let down: string | null = null;
  for (let i = 0; i < length; i++) {
    const up: string[] = [];
    const undo: string[][] = [];
    const count = i === 0 ? 1 : 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const step = (i === 0 ? steps.createTable : steps[pick(kinds)]) as () => Step | null;
      const made = step() ?? (steps.createTable as () => Step)();
      up.push(...made.up);
      undo.unshift(made.down);
    }
    const id = `${seed.toString(16).padStart(2, '0')}${i.toString(16).padStart(4, '0')}aa55cc`;
    revisions.push({ id, down, message: `generated ${i}`, up, downgrade: undo.flat(), typed: i % 3 === 0 });
    down = id;
  }
  return { revisions, midpoint: (revisions[Math.floor(length / 2)] as RevisionSpec).id };
}
