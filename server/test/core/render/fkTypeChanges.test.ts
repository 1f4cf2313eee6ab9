// A type change that breaks a foreign key's pair of types, even for a moment, is refused by PostgreSQL
// (history/apply/fkTypes.ts): the revision drops the key before the type changes and creates it again
// after them, in upgrade and downgrade. A key whose final pair PostgreSQL refuses too is named as a
// failure. SQLite (batch table copies) and pairs that stay compatible are left as Alembic writes them.
// The real-PostgreSQL proof is test/oracle/fkTypeChange.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSchemas } from '../../../src/core/diff';
import { renderRevision } from '../../../src/core/render/revision';
import { col, schema } from '../diff/build';

const shop = (key: string, referencing: string) =>
  schema({
    author: { columns: { code: col(key, false), name: col('text') }, pk: ['code'] },
    book: {
      columns: { id: col('integer', false), author_code: col(referencing, false) },
      pk: ['id'],
      fks: [{ columns: ['author_code'], refTable: 'author', refColumns: ['code'] }],
    },
  });

function render(from: ReturnType<typeof shop>, to: ReturnType<typeof shop>, dialect: 'postgresql' | 'sqlite' = 'postgresql') {
  const rendered = renderRevision({
    changes: diffSchemas(from, to),
    head: from,
    target: to,
    message: 'types',
    downRevision: 'a1',
    revisionId: 'b2',
    createDate: new Date(0),
    dialect,
  });
  const body = (name: string) => rendered.text.slice(rendered.text.indexOf(`def ${name}`));
  const order = (text: string) =>
    [...text.matchAll(/op\.(drop_constraint|alter_column|create_foreign_key)\((?:op\.f\()?'([^']+)'/g)].map((m) => `${m[1]} ${m[2]}`);
  return { rendered, up: order(body('upgrade').slice(0, body('upgrade').indexOf('def downgrade'))), down: order(body('downgrade')) };
}

describe('foreign keys around type changes', () => {
  it('drops the key before both alters and creates it again after them, both ways', () => {
    const { rendered, up, down } = render(shop('integer', 'integer'), shop('character varying(36)', 'character varying(36)'));
    assert.deepEqual(up, ['drop_constraint book_author_code_fkey', 'alter_column author', 'alter_column book', 'create_foreign_key book_author_code_fkey']);
    assert.deepEqual(down, ['drop_constraint book_author_code_fkey', 'alter_column book', 'alter_column author', 'create_foreign_key book_author_code_fkey']);
    assert.match(rendered.text, /^# Migration Guard: foreign keys dropped before the type changes .*: book\.book_author_code_fkey$/m);
    assert.ok(rendered.notes.some((n) => /book\.book_author_code_fkey are dropped before the column type changes/.test(n)));
    assert.doesNotMatch(rendered.text, /FAILS: the models pair types/);
  });

  it('one end changed to a type the other cannot pair with: re-created, and named as a failure', () => {
    const { rendered, up } = render(shop('integer', 'integer'), shop('integer', 'character varying(36)'));
    assert.deepEqual(up, ['drop_constraint book_author_code_fkey', 'alter_column book', 'create_foreign_key book_author_code_fkey']);
    assert.match(
      rendered.text,
      /# Migration Guard: this migration FAILS: the models pair types PostgreSQL refuses in a foreign key; change one side:\n# {3}- book\.book_author_code_fkey \(book\.author_code character varying\(36\) -> author\.code integer\)/,
    );
    assert.ok(rendered.notes.some((n) => /PostgreSQL refuses to pair these types/.test(n)));
  });

  it('leaves compatible pairs and SQLite alone', () => {
    assert.deepEqual(render(shop('integer', 'integer'), shop('bigint', 'bigint')).up, ['alter_column author', 'alter_column book']);
    const sqlite = render(shop('integer', 'integer'), shop('character varying(36)', 'character varying(36)'), 'sqlite');
    assert.doesNotMatch(sqlite.rendered.text, /drop_constraint|create_foreign_key/);
  });
});
