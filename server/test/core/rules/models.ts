// A ModelSchema for rule tests: a fake models.py where each table is a class and each column a line.
import type { ModelSchema, TableSource } from '../../../src/core/models/types';
import type { Schema } from '../../../src/core/schema/types';

export const MODELS_FILE = '/project/app/models.py';

/** Lays the tables out as a Python file (text returned too, so ignore comments can be added). */
export function fakeModels(schema: Schema, extraLines: Record<string, string> = {}): { models: ModelSchema; text: string } {
  const lines: string[] = ['import sqlalchemy as sa', ''];
  const tables: Record<string, TableSource> = {};
  for (const [name, table] of Object.entries(schema.tables)) {
    const classLine = lines.length;
    const classText = `class ${name[0]?.toUpperCase()}${name.slice(1)}(db.Model):`;
    lines.push(classText);
    const source: TableSource = {
      location: { file: MODELS_FILE, range: { start: { line: classLine, character: 6 }, end: { line: classLine, character: classText.indexOf('(') } } },
      className: name,
      columns: {},
      constraints: {},
    };
    for (const column of Object.keys(table.columns)) {
      const above = extraLines[`${name}.${column}`];
      if (above !== undefined) lines.push(`    ${above}`);
      const text = `    ${column} = db.Column(...)`;
      source.columns[column] = {
        location: { file: MODELS_FILE, range: { start: { line: lines.length, character: 4 }, end: { line: lines.length, character: text.length } } },
      };
      lines.push(text);
    }
    tables[name] = source;
    lines.push('');
  }
  return { models: { schema, sources: { tables, enums: {} }, notes: [] }, text: lines.join('\n') };
}
