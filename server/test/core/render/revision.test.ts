import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { missingOracle } from '../../support/oracles';
import { diffSchemas } from '../../../src/core/diff';
import { applyOps } from '../../../src/core/history/apply/apply';
import { parseRevisionFile } from '../../../src/core/history/revisionFile';
import { initPythonParser } from '../../../src/core/python/parser';
import { renderMako } from '../../../src/core/render/mako';
import { FLASK_MIGRATE_TEMPLATE, renderRevision, revisionFileName } from '../../../src/core/render/revision';
import { formatSchemaJson } from '../../../src/core/schema/json';
import { cloneSchema, type Schema } from '../../../src/core/schema/types';
import { col, schema, serial } from '../diff/build';

const FLASK_TEMPLATE = '/usr/lib/python3/dist-packages/flask_migrate/templates/flask/script.py.mako';
const MULTIDB_TEMPLATE = '/usr/lib/python3/dist-packages/flask_migrate/templates/flask-multidb/script.py.mako';
const vars = {
  message: 'add email',
  up_revision: 'abc123def456',
  down_revision: null,
  create_date: '2026-01-01 00:00:00.000000',
  branch_labels: null,
  depends_on: null,
  imports: '',
  upgrades: 'op.x()',
  downgrades: '',
};

describe('renderMako (the script.py.mako subset)', () => {
  it("renders Flask-Migrate's and Alembic's templates as Mako would", (t) => {
    if (missingOracle(t, existsSync(FLASK_TEMPLATE) ? null : `${FLASK_TEMPLATE} is missing (apt-get install python3-flask-migrate python3-alembic)`)) return;
    const flask = renderMako(readFileSync(FLASK_TEMPLATE, 'utf8'), vars);
    assert.ok('text' in flask);
    assert.match(flask.text, /^"""add email\n\nRevision ID: abc123def456\nRevises: \nCreate Date: 2026-01-01 00:00:00.000000/);
    assert.match(flask.text, /revision = 'abc123def456'\ndown_revision = None\nbranch_labels = None/);
    assert.match(flask.text, /def upgrade\(\):\n {4}op\.x\(\)\n\n\ndef downgrade\(\):\n {4}pass\n/);
    const alembic = renderMako(readFileSync('/usr/lib/python3/dist-packages/alembic/templates/generic/script.py.mako', 'utf8'), {
      ...vars,
      down_revision: ['a1', 'b2'],
    });
    assert.ok('text' in alembic);
    assert.match(alembic.text, /Revises: a1, b2\n/);
    assert.match(alembic.text, /down_revision = \('a1', 'b2'\)\n/);
    assert.match(alembic.text, /def upgrade\(\) -> None:\n {4}op\.x\(\)/);
  });

  it('handles % if / % else, ## comments, <%text> and refuses what it cannot run', () => {
    const text = renderMako(
      '## hidden\n% if imports:\nA ${imports}\n% elif message:\nB ${message | h}\n% else:\nC\n% endif\n<%text>${raw}</%text>\n%% literal',
      { ...vars, message: '<x>' },
    );
    assert.deepEqual(text, { text: 'B &lt;x&gt;\n${raw}\n% literal' });
    assert.deepEqual(renderMako('a \\\nb ${upgrades}', { ...vars, upgrades: 'x\\\ny' }), { text: 'a b x\\\ny' }, 'continuation joins template lines only');
    assert.match((renderMako('% for db_name in db_names:\nx\n% endfor', vars) as { problem: string }).problem, /% for/);
    assert.match((renderMako('<%! import re %>', vars) as { problem: string }).problem, /<% %>/);
    assert.match((renderMako('${unknown_var}', vars) as { problem: string }).problem, /unknown template variable/);
  });
});

const head: Schema = schema(
  {
    user: { columns: { id: serial('user'), name: col('character varying(100)'), bio: col('text'), score: col('text', true, "'0'::text") }, pk: ['id'] },
    audit: { columns: { id: serial('audit'), note: col('text') }, pk: ['id'] },
  },
  { mood: ['ok', 'bad', 'worse'] },
);
const target: Schema = schema(
  {
    user: {
      columns: {
        id: serial('user'),
        name: col('character varying(20)', false),
        score: col('integer', true, '0'),
        age: col('integer', false),
        mood: col('mood', true, "'ok'::mood"),
      },
      pk: ['id'],
      indexes: [{ name: 'ix_user_name', columns: ['name'] }],
      uniques: [['age']],
    },
    post: {
      columns: { id: col('bigint', false, "nextval('post_id_seq'::regclass)"), user_id: col('integer', false), kind: col('kind') },
      pk: ['id'],
      fks: [{ columns: ['user_id'], refTable: 'user', onDelete: 'CASCADE' }],
    },
  },
  { mood: ['ok', 'bad'], kind: ['a', 'b'] },
);

describe('renderRevision', () => {
  before(async () => {
    await initPythonParser();
  });

  const render = (extra: Partial<Parameters<typeof renderRevision>[0]> = {}) =>
    renderRevision({
      changes: diffSchemas(head, target),
      head,
      target,
      message: 'many things',
      downRevision: '1234abcd5678',
      revisionId: 'feedbeef0001',
      createDate: new Date(2026, 0, 2, 3, 4, 5, 6),
      ...extra,
    });

  it("writes Flask-Migrate's layout with ids, imports, op.f index names and a data-at-risk header", () => {
    const { text, revision } = render();
    assert.equal(revision, 'feedbeef0001');
    assert.match(text, /^# Migration Guard: this migration DESTROYS OR REWRITES DATA/);
    assert.match(text, /# {3}- drops table audit and every row in it \(columns: id, note\)\n/);
    assert.match(text, /# {3}- drops column user\.bio \(text\) and every value in it\n/);
    // What PostgreSQL refuses (nothing lost) is listed apart from what it destroys (docs/type-changes.md).
    const [destroys, fails] = text.split(
      '# Migration Guard: this migration FAILS if existing values do not fit (PostgreSQL refuses and rolls back; nothing is lost):\n',
    );
    assert.match(destroys ?? '', /# {3}- changes user\.score from text to integer: the text is parsed as integer/);
    assert.match(fails ?? '', /^# {3}- removes worse from enum mood: fails if a row still holds it\n/);
    assert.match(
      fails ?? '',
      /# {3}- changes user\.name from character varying\(100\) to character varying\(20\): fails on values longer than 20 characters\n/,
    );
    assert.match(text, /"""many things\n\nRevision ID: feedbeef0001\nRevises: 1234abcd5678\nCreate Date: 2026-01-02 03:04:05\.006000\n/);
    assert.match(text, /from sqlalchemy\.dialects import postgresql\n/);
    assert.match(text, /down_revision = '1234abcd5678'\n/);
    assert.match(text, /op\.create_index\(op\.f\('ix_user_name'\), 'user', \['name'\], unique=False\)/);
    assert.match(text, /sa\.Column\('id', sa\.BigInteger\(\), nullable=False\)/);
    assert.match(text, /sa\.ForeignKeyConstraint\(\['user_id'\], \['user\.id'\], name=op\.f\('post_user_id_fkey'\), ondelete='CASCADE'\)/);
    assert.match(text, /postgresql_using='"score"::integer'/);
    assert.match(text, /op\.drop_column\('user', 'bio'\)/);
    assert.match(text, /op\.add_column\('user', sa\.Column\('bio', sa\.Text\(\), nullable=True\)\)/, 'the dropped column comes back whole in downgrade');
  });

  it('adds a NOT NULL column in two steps (MF103) and creates chosen indexes concurrently', () => {
    const { text } = render({ concurrentIndexes: ['ix_user_name'] });
    assert.match(
      text,
      /op\.add_column\('user', sa\.Column\('age', sa\.Integer\(\), nullable=True\)\)\n {4}op\.execute\('UPDATE "user" SET "age" = 0 WHERE "age" IS NULL'\)\n {4}op\.alter_column\('user', 'age',\n\s+existing_type=sa\.Integer\(\),\n\s+nullable=False\)/,
    );
    assert.match(
      text,
      /with op\.get_context\(\)\.autocommit_block\(\):\n {8}op\.create_index\(op\.f\('ix_user_name'\), 'user', \['name'\], unique=False, postgresql_concurrently=True\)/,
    );
  });

  it('round-trips through the history replay: upgrade() leads to the models, downgrade() back to the head', () => {
    const { text } = render({ concurrentIndexes: ['ix_user_name'] });
    const parsed = parseRevisionFile('/p/migrations/versions/feedbeef0001_many_things.py', text);
    assert.equal(parsed.message, 'many things');
    assert.equal(parsed.revision, 'feedbeef0001');
    assert.deepEqual(parsed.downRevisions, ['1234abcd5678']);
    assert.deepEqual(
      [...parsed.upgrade.notes, ...parsed.downgrade.notes].filter((n) => n.severity === 'warning' || n.severity === 'error'),
      [],
    );
    const upgraded = applyOps(cloneSchema(head), parsed.upgrade.ops, []);
    assert.equal(formatSchemaJson(upgraded), formatSchemaJson(target));
    assert.equal(formatSchemaJson(applyOps(upgraded, parsed.downgrade.ops, [])), formatSchemaJson(head));
  });

  it("uses the project's template, and falls back to Flask-Migrate's when it cannot run it", (t) => {
    if (missingOracle(t, existsSync(MULTIDB_TEMPLATE) ? null : `${MULTIDB_TEMPLATE} is missing (apt-get install python3-flask-migrate)`)) return;
    const own = render({ template: FLASK_MIGRATE_TEMPLATE.replace('def upgrade():', '# house style\ndef upgrade():') });
    assert.match(own.text, /# house style\ndef upgrade\(\):/);
    assert.deepEqual(own.notes, []);
    const multidb = render({ template: readFileSync(MULTIDB_TEMPLATE, 'utf8') });
    assert.match(multidb.notes[0] ?? '', /could not be used .* Flask-Migrate's standard template was used instead/);
    assert.match(multidb.text, /def upgrade\(\):\n {4}# ### commands generated by Migration Guard/);
  });

  it("imports op and sa itself when the project's template does not (pgAdmin's), and only then", () => {
    const bare = FLASK_MIGRATE_TEMPLATE.replace(/^from alembic import op\n/m, '').replace(/^import sqlalchemy as sa\n/m, '');
    assert.doesNotMatch(bare, /import (op|sqlalchemy)/);
    const rendered = render({ template: bare });
    assert.match(rendered.text, /^from alembic import op\nimport sqlalchemy as sa$/m);
    const standard = render({});
    assert.equal(standard.text.match(/^from alembic import op$/gm)?.length, 1);
    assert.equal(standard.text.match(/^import sqlalchemy as sa$/gm)?.length, 1);
  });

  it('writes a type the models could not resolve as the model spells it, and says so', () => {
    const base = schema({ user: { columns: { id: serial('user') }, pk: ['id'] } });
    const withCustom = schema({ user: { columns: { id: serial('user'), tags: col('?TagList(max=3)') }, pk: ['id'] } });
    const rendered = renderRevision({ changes: diffSchemas(base, withCustom), head: base, target: withCustom, message: 'custom', downRevision: null });
    assert.match(rendered.text, /^# Migration Guard: add the imports for TagList\(max=3\)/);
    assert.match(rendered.text, /op\.add_column\('user', sa\.Column\('tags', TagList\(max=3\), nullable=True\)\)/);
    assert.match(rendered.notes[0] ?? '', /TagList\(max=3\) could not be read statically/);
  });

  it('names files as Alembic does', () => {
    const date = new Date(2026, 0, 2, 3, 4, 5);
    assert.equal(revisionFileName('abc', 'Add user email + index!'), 'abc_add_user_email_index.py');
    assert.equal(
      revisionFileName('abc', 'a very long message that goes well past the forty character limit'),
      'abc_a_very_long_message_that_goes_well_past.py',
    );
    assert.equal(revisionFileName('abc', 'x', date, '%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s'), '2026_01_02_abc_x.py');
  });
});
