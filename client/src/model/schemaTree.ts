// Pure: the Schema view's rows. Tables and columns come from the models (normalized schema JSON);
// pending changes and findings from the language server are attached to them as badges.
import * as l10n from '@vscode/l10n';
import type { FindingInfo, ModelTableInfo, PendingChangeInfo } from '../../../server/src/protocol';
import type { IconSpec } from './revisionTree';

export interface ColumnJson {
  type: string;
  nullable: boolean;
  default: string | null;
}
export interface TableJson {
  columns: Record<string, ColumnJson>;
  primaryKey?: string[];
}
export interface SchemaJson {
  tables: Record<string, TableJson>;
}

export interface Location {
  uri: string;
  line: number;
  character: number;
}

export interface SchemaNode {
  id: string;
  kind: 'table' | 'column';
  label: string;
  description: string;
  tooltip: string;
  icon: IconSpec;
  contextValue: string;
  /** Pending changes plus findings on this node (and, for a table, on its columns): the badge count. */
  badge: number;
  location?: Location;
  children: SchemaNode[];
}

interface Attached {
  changes: PendingChangeInfo[];
  findings: FindingInfo[];
}

const key = (table: string | null, column: string | null): string => `${table ?? ''}\u0000${column ?? ''}`;

function attach(changes: PendingChangeInfo[], findings: FindingInfo[]): Map<string, Attached> {
  const map = new Map<string, Attached>();
  const slot = (k: string): Attached => {
    let s = map.get(k);
    if (!s) map.set(k, (s = { changes: [], findings: [] }));
    return s;
  };
  for (const c of changes) if (c.table) slot(key(c.table, c.column)).changes.push(c);
  for (const f of findings) if (f.table) slot(key(f.table, f.column)).findings.push(f);
  return map;
}

function locationOf(a: Attached | undefined): Location | undefined {
  const withRange = a?.changes.find((c) => c.uri && c.range) ?? undefined;
  if (withRange?.uri && withRange.range) return { uri: withRange.uri, line: withRange.range.start.line, character: withRange.range.start.character };
  const f = a?.findings[0];
  return f ? { uri: f.uri, line: f.range.start.line, character: f.range.start.character } : undefined;
}

/** Short words for a pending change on its row (the row already names the table or column). */
const CHANGE_WORDS: Record<string, () => string> = {
  createTable: () => l10n.t('new table'),
  dropTable: () => l10n.t('to be dropped'),
  renameTable: () => l10n.t('renamed'),
  addColumn: () => l10n.t('new column'),
  dropColumn: () => l10n.t('to be dropped'),
  renameColumn: () => l10n.t('renamed'),
  alterColumn: () => l10n.t('changed'),
  createIndex: () => l10n.t('new index'),
  dropIndex: () => l10n.t('index removed'),
  createUnique: () => l10n.t('new unique constraint'),
  dropUnique: () => l10n.t('unique constraint removed'),
  createPrimaryKey: () => l10n.t('new primary key'),
  dropPrimaryKey: () => l10n.t('primary key removed'),
  createForeignKey: () => l10n.t('new foreign key'),
  dropForeignKey: () => l10n.t('foreign key removed'),
  createCheck: () => l10n.t('new check constraint'),
  dropCheck: () => l10n.t('check constraint removed'),
  createEnum: () => l10n.t('new enum'),
  addEnumValues: () => l10n.t('enum values added'),
  recreateEnum: () => l10n.t('enum values changed'),
  dropEnum: () => l10n.t('enum removed'),
};

const TEXT = {
  get removed() {
    return l10n.t('removed from models');
  },
  pending: (words: string) => l10n.t('pending: {0}', words),
  pendingLine: (description: string) => l10n.t('• Pending: {0}', description),
  columnsChanged: (n: number) => (n === 1 ? l10n.t('1 column changed') : l10n.t('{0} columns changed', n)),
  findings: (n: number) => (n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n)),
  table: (name: string) => l10n.t('Table {0}', name),
  tableRemoved: (name: string) => l10n.t('Table {0} (removed from models)', name),
};

export function changeWords(kind: string): string {
  return CHANGE_WORDS[kind]?.() ?? l10n.t('changed');
}

function badgeWords(a: Attached | undefined): string[] {
  if (!a) return [];
  const words = [...new Set(a.changes.map((c) => TEXT.pending(changeWords(c.kind))))];
  const codes = [...new Set(a.findings.map((f) => f.code))];
  if (codes.length) words.push(codes.join(' '));
  return words;
}

function iconFor(kind: 'table' | 'column', a: Attached | undefined, inModels: boolean): IconSpec {
  if (a?.findings.some((f) => f.destructive)) return { id: 'warning', color: 'list.errorForeground' };
  if (a?.findings.length) return { id: 'warning', color: 'list.warningForeground' };
  if (!inModels) return { id: 'trash', color: 'list.warningForeground' };
  if (a?.changes.length) return { id: kind === 'table' ? 'diff-added' : 'diff-modified', color: 'charts.yellow' };
  return { id: kind === 'table' ? 'table' : 'symbol-field' };
}

function tooltipFor(title: string, a: Attached | undefined): string {
  const lines = [title];
  for (const c of a?.changes ?? []) lines.push(TEXT.pendingLine(c.description));
  for (const f of a?.findings ?? []) lines.push(`• ${f.code}: ${f.message}`);
  return lines.join('\n');
}

/** A column the models declare whose type is not read yet. */
const UNREAD: ColumnJson = { type: '', nullable: true, default: null };

function columnDescription(col: ColumnJson | undefined, isPk: boolean): string {
  if (!col) return TEXT.removed;
  if (col === UNREAD) return '';
  const parts = [col.type];
  if (isPk) parts.push('PK');
  else if (!col.nullable) parts.push('NOT NULL');
  if (col.default !== null) parts.push(`DEFAULT ${col.default}`);
  return parts.join(' ');
}

/**
 * Tables sorted by name, columns in model order (as `models` lists them; the schema JSON is sorted by name);
 * things only pending changes mention (drops) are included, after the columns the models still have.
 */
export function buildSchemaNodes(
  schema: SchemaJson | null,
  changes: PendingChangeInfo[],
  findings: FindingInfo[],
  models: ModelTableInfo[] = [],
): SchemaNode[] {
  const attached = attach(changes, findings);
  const tables = new Map<string, Set<string>>();
  const declared = new Map<string, Location>();
  for (const t of models) {
    tables.set(t.name, new Set(t.columns.map((c) => c.name)));
    declared.set(key(t.name, null), { uri: t.uri, line: t.range.start.line, character: t.range.start.character });
    for (const c of t.columns) declared.set(key(t.name, c.name), { uri: c.uri, line: c.range.start.line, character: c.range.start.character });
  }
  for (const [name, table] of Object.entries(schema?.tables ?? {})) {
    const columns = tables.get(name) ?? new Set<string>();
    for (const column of Object.keys(table.columns)) columns.add(column);
    tables.set(name, columns);
  }
  for (const item of [...changes, ...findings]) {
    if (!item.table) continue;
    if (!tables.has(item.table)) tables.set(item.table, new Set());
    if (item.column) tables.get(item.table)?.add(item.column);
  }
  return [...tables.keys()].sort().map((tableName) => {
    // Declared in the models but the schema JSON is not read yet (the view just opened): not "removed".
    const table = schema?.tables[tableName] ?? (declared.has(key(tableName, null)) ? { columns: {} } : undefined);
    const pk = new Set(table?.primaryKey ?? []);
    const columns = [...(tables.get(tableName) ?? [])].map((columnName): SchemaNode => {
      const a = attached.get(key(tableName, columnName));
      const col = table?.columns[columnName] ?? (declared.has(key(tableName, columnName)) ? UNREAD : undefined);
      const words = badgeWords(a);
      const node: SchemaNode = {
        id: `column:${tableName}.${columnName}`,
        kind: 'column',
        label: columnName,
        description: [columnDescription(col, pk.has(columnName)), ...words].filter(Boolean).join(' · '),
        tooltip: tooltipFor(`${tableName}.${columnName}: ${columnDescription(col, pk.has(columnName))}`, a),
        icon: iconFor('column', a, col !== undefined),
        contextValue: a ? 'column.pending' : 'column',
        badge: (a?.changes.length ?? 0) + (a?.findings.length ?? 0),
        children: [],
      };
      const loc = locationOf(a) ?? declared.get(key(tableName, columnName));
      if (loc) node.location = loc;
      return node;
    });
    const a = attached.get(key(tableName, null));
    const own = (a?.changes.length ?? 0) + (a?.findings.length ?? 0);
    const badge = own + columns.reduce((sum, c) => sum + c.badge, 0);
    const words = badgeWords(a);
    // Counts say what they count: columns with a pending change, and findings on columns, separately.
    const changedColumns = columns.filter((c) => (attached.get(key(tableName, c.label))?.changes.length ?? 0) > 0).length;
    const columnFindings = columns.reduce((sum, c) => sum + (attached.get(key(tableName, c.label))?.findings.length ?? 0), 0);
    if (changedColumns) words.push(TEXT.columnsChanged(changedColumns));
    if (columnFindings) words.push(TEXT.findings(columnFindings));
    const node: SchemaNode = {
      id: `table:${tableName}`,
      kind: 'table',
      label: tableName,
      description: (table ? words : [TEXT.removed, ...words]).join(' · '),
      tooltip: tooltipFor(table ? TEXT.table(tableName) : TEXT.tableRemoved(tableName), a),
      icon: iconFor('table', a, table !== undefined),
      contextValue: badge ? 'table.pending' : 'table',
      badge,
      children: columns,
    };
    const tableLoc = locationOf(a) ?? declared.get(key(tableName, null));
    if (tableLoc) node.location = tableLoc;
    return node;
  });
}
