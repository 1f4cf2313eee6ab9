// Scenarios about columns: added, dropped, renamed, retyped, nullability, server defaults.
import { py, type Scenario } from './types';

const user = (extra = '') => py`
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
${extra}`;

export const columnScenarios: Scenario[] = [
  { name: 'nullable column added', before: user(), after: user('    email = db.Column(db.String(120))'), expect: [] },
  {
    name: 'NOT NULL column added to a table with rows (MF103, two-step)',
    before: user(),
    after: user('    age = db.Column(db.Integer, nullable=False)'),
    seed: [`INSERT INTO "user" (name) VALUES ('ann'), ('bob')`],
    survives: `SELECT string_agg(name, ',' ORDER BY id) FROM "user"`,
    expect: ['MF103'],
  },
  {
    name: 'NOT NULL column with a server default',
    before: user(),
    after: user('    active = db.Column(db.Boolean, nullable=False, server_default=sa.true())'),
    seed: [`INSERT INTO "user" (name) VALUES ('ann')`],
    expect: [],
  },
  { name: 'column dropped (DS103)', before: user('    bio = db.Column(db.Text)'), after: user(), expect: ['DS103'] },
  {
    name: 'NOT NULL column with rows dropped (DS103): flask db downgrade brings it back nullable, without error',
    before: user('    nick = db.Column(db.String(40), nullable=False)'),
    after: user(),
    seed: [`INSERT INTO "user" (name, nick) VALUES ('ann', 'a1'), ('bob', 'b2')`],
    survives: `SELECT string_agg(name, ',' ORDER BY id) FROM "user"`,
    expect: ['DS103'],
    downgradesNullable: ['user.nick'],
    revisionMatches: [
      /add_column\((?:'user', )?sa\.Column\('nick', sa\.(?:String|VARCHAR)\(length=40\), (?:autoincrement=False, )?nullable=True\)\)/,
      /# Migration Guard: user\.nick comes back NULLABLE/,
    ],
  },
  {
    name: 'column renamed by choice keeps its values (BC102)',
    before: user('    nick = db.Column(db.String(40), nullable=False)'),
    after: user('    handle = db.Column(db.String(40), nullable=False)'),
    renames: ['--rename', 'user.nick=handle'],
    seed: [`INSERT INTO "user" (name, nick) VALUES ('ann', 'a1'), ('bob', 'b2')`],
    survives: `SELECT string_agg(name, ',' ORDER BY id) FROM "user"`,
    survivesAfterUpgrade: `SELECT string_agg(handle, ',' ORDER BY id) FROM "user"`,
    expect: ['BC102'],
    only: true,
  },
  {
    name: 'explicit column name added',
    before: user(),
    after: user("    e_mail = db.Column('email_address', db.String(50), index=True)"),
    expect: ['PG101'],
  },
  {
    name: 'string narrowed (MF105, PG301)',
    before: user('    code = db.Column(db.String(100))'),
    after: user('    code = db.Column(db.String(20))'),
    seed: [`INSERT INTO "user" (name, code) VALUES ('ann', 'short')`],
    survives: `SELECT string_agg(code, ',') FROM "user"`,
    expect: ['MF105', 'PG301'],
  },
  { name: 'string widened', before: user('    code = db.Column(db.String(20))'), after: user('    code = db.Column(db.String(200))'), expect: [] },
  {
    name: 'numeric precision raised',
    before: user('    price = db.Column(db.Numeric(10, 2))'),
    after: user('    price = db.Column(db.Numeric(12, 4))'),
    seed: [`INSERT INTO "user" (name, price) VALUES ('ann', 12.5)`],
    survives: `SELECT sum(price)::float8::text FROM "user"`,
    expect: ['PG301'],
  },
  {
    name: 'numeric narrowed (MF105)',
    before: user('    price = db.Column(db.Numeric(12, 2))'),
    after: user('    price = db.Column(db.Numeric(8, 2))'),
    expect: ['MF105'],
  },
  {
    name: 'text to integer with a USING cast (MF105)',
    before: user("    score = db.Column(db.Text, server_default='0')"),
    after: user("    score = db.Column(db.Integer, server_default='0')"),
    seed: [`INSERT INTO "user" (name, score) VALUES ('ann', '42')`],
    survives: `SELECT sum(score::int)::text FROM "user"`,
    expect: ['MF105', 'PG301'],
  },
  { name: 'integer to bigint (PG301)', before: user('    n = db.Column(db.Integer)'), after: user('    n = db.Column(db.BigInteger)'), expect: ['PG301'] },
  {
    name: 'timezone added to a timestamp',
    before: user('    seen = db.Column(db.DateTime)'),
    after: user('    seen = db.Column(db.DateTime(timezone=True))'),
    expect: ['PG301'],
  },
  {
    name: 'nullable made NOT NULL (MF104)',
    before: user('    city = db.Column(db.String(50))'),
    after: user('    city = db.Column(db.String(50), nullable=False)'),
    seed: [`INSERT INTO "user" (name, city) VALUES ('ann', 'Oslo')`],
    expect: ['MF104'],
  },
  {
    name: 'NOT NULL relaxed to nullable',
    before: user('    city = db.Column(db.String(50), nullable=False)'),
    after: user('    city = db.Column(db.String(50))'),
    expect: [],
  },
  {
    name: 'server default changed',
    before: user("    role = db.Column(db.String(20), server_default='member')"),
    after: user("    role = db.Column(db.String(20), server_default='guest')"),
    expect: [],
  },
  {
    name: 'server default added and another removed',
    before: user("    a = db.Column(db.Integer)\n    b = db.Column(db.Integer, server_default='5')"),
    after: user("    a = db.Column(db.Integer, server_default='0')\n    b = db.Column(db.Integer)"),
    expect: [],
  },
];
