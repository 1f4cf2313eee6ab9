import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchemaNodes, type SchemaJson } from '../src/model/schemaTree';
import type { FindingInfo, PendingChangeInfo } from '../../server/src/protocol';

const range = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 20 } });

const schema: SchemaJson = {
  tables: {
    user: {
      columns: {
        id: { type: 'integer', nullable: false, default: "nextval('user_id_seq'::regclass)" },
        name: { type: 'character varying(80)', nullable: true, default: null },
        nickname: { type: 'character varying(20)', nullable: false, default: null },
      },
      primaryKey: ['id'],
    },
    team: { columns: { id: { type: 'integer', nullable: false, default: null } }, primaryKey: ['id'] },
  },
};

const changes: PendingChangeInfo[] = [
  { description: 'drop column user.email', kind: 'dropColumn', table: 'user', column: 'email' },
  { description: 'add column user.nickname', kind: 'addColumn', table: 'user', column: 'nickname', uri: 'file:///p/models.py', range: range(7) },
];
const findings: FindingInfo[] = [
  {
    code: 'DS103',
    severity: 'warning',
    message: 'Dropping user.email destroys data',
    uri: 'file:///p/models.py',
    range: range(5),
    table: 'user',
    column: 'email',
    destructive: true,
  },
  {
    code: 'MF103',
    severity: 'warning',
    message: 'NOT NULL without default',
    uri: 'file:///p/models.py',
    range: range(7),
    table: 'user',
    column: 'nickname',
    destructive: false,
  },
];

test('tables are sorted and columns carry their type, key and pending badges', () => {
  const nodes = buildSchemaNodes(schema, changes, findings);
  assert.deepEqual(
    nodes.map((n) => n.label),
    ['team', 'user'],
  );
  const user = nodes[1]!;
  assert.equal(user.badge, 4);
  // Two columns change and two findings sit on them: the description counts each for what it is.
  assert.equal(user.description, '2 columns changed · 2 findings');
  assert.equal(user.contextValue, 'table.pending');
  assert.deepEqual(
    user.children.map((c) => [c.label, c.description]),
    [
      ['id', "integer PK DEFAULT nextval('user_id_seq'::regclass)"],
      ['name', 'character varying(80)'],
      ['nickname', 'character varying(20) NOT NULL · pending: new column · MF103'],
      ['email', 'removed from models · pending: to be dropped · DS103'],
    ],
  );
  const email = user.children[3]!;
  assert.deepEqual(email.icon, { id: 'warning', color: 'list.errorForeground' });
  assert.deepEqual(email.location, { uri: 'file:///p/models.py', line: 5, character: 4 });
  assert.match(email.tooltip, /DS103: Dropping user\.email destroys data/);
  const nickname = user.children[2]!;
  assert.deepEqual(nickname.location, { uri: 'file:///p/models.py', line: 7, character: 4 });
  assert.equal(nickname.contextValue, 'column.pending');
  assert.equal(nodes[0]?.badge, 0);
  assert.equal(nodes[0]?.description, '');
  assert.deepEqual(nodes[0]?.icon, { id: 'table' });
});

test('a table removed from the models still shows, marked and counted', () => {
  const nodes = buildSchemaNodes(schema, [{ description: 'drop table audit', kind: 'dropTable', table: 'audit', column: null }], []);
  const audit = nodes.find((n) => n.label === 'audit');
  assert.equal(audit?.description, 'removed from models · pending: to be dropped');
  assert.deepEqual(audit?.icon, { id: 'trash', color: 'list.warningForeground' });
  assert.equal(audit?.badge, 1);
  assert.equal(audit?.id, 'table:audit');
});

test('without the models schema the view still lists what pending changes mention', () => {
  const nodes = buildSchemaNodes(null, changes, findings);
  assert.deepEqual(
    nodes.map((n) => [n.label, n.children.map((c) => c.label)]),
    [['user', ['email', 'nickname']]],
  );
});

test('columns follow the model order, not the sorted schema JSON, and open where they are declared', () => {
  const models = [
    {
      name: 'user',
      uri: 'file:///p/models.py',
      range: range(2),
      columns: [
        { name: 'id', uri: 'file:///p/models.py', range: range(3) },
        { name: 'nickname', uri: 'file:///p/models.py', range: range(4) },
        { name: 'name', uri: 'file:///p/models.py', range: range(5) },
      ],
    },
  ];
  const user = buildSchemaNodes(schema, changes, findings, models).find((n) => n.label === 'user')!;
  assert.deepEqual(
    user.children.map((c) => c.label),
    ['id', 'nickname', 'name', 'email'],
  );
  assert.deepEqual(user.location, { uri: 'file:///p/models.py', line: 2, character: 4 });
  assert.deepEqual(user.children.find((c) => c.label === 'name')?.location, { uri: 'file:///p/models.py', line: 5, character: 4 });
});

test('no label shows an internal change kind', () => {
  const kinds = [
    'createTable',
    'dropTable',
    'renameTable',
    'addColumn',
    'dropColumn',
    'renameColumn',
    'alterColumn',
    'createIndex',
    'dropIndex',
    'createUnique',
    'dropUnique',
    'createPrimaryKey',
    'dropPrimaryKey',
    'createForeignKey',
    'dropForeignKey',
    'createCheck',
    'dropCheck',
    'createEnum',
    'addEnumValues',
    'recreateEnum',
    'dropEnum',
  ];
  for (const kind of kinds) {
    const nodes = buildSchemaNodes(null, [{ description: `${kind} on t`, kind, table: 't', column: null }], []);
    const text = `${nodes[0]?.description} ${nodes[0]?.tooltip}`;
    assert.ok(!/[a-z][A-Z]/.test(nodes[0]?.description ?? ''), `${kind} shows as "${text}"`);
  }
});

test('before the schema JSON is read, tables the models declare are not shown as removed', () => {
  const models = [{ name: 'team', uri: 'file:///p/models.py', range: range(9), columns: [{ name: 'id', uri: 'file:///p/models.py', range: range(10) }] }];
  const team = buildSchemaNodes(null, [], [], models)[0]!;
  assert.equal(team.description, '');
  assert.deepEqual(team.icon, { id: 'table' });
  assert.deepEqual(
    team.children.map((c) => [c.label, c.description]),
    [['id', '']],
  );
});
