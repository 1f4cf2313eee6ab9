// Renames by default: `revision --autogenerate` with no flags on a drop + add that pairs up
// unambiguously writes a rename; real `flask db upgrade` / `downgrade` keep every value (compared
// value by value under the new names, then the old ones), and `check` reports only the BC code.
import { py, type Scenario } from './types';

const user = (extra: string) => py`
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
${extra}`;

// Values with quotes, NULLs, unicode and a backslash: a rename must keep them byte for byte.
const SEED_NICK = `INSERT INTO "user" (nick) VALUES ('ann'), (NULL), ('O''Brien'), ('ñandú \\ "x"')`;
const valuesOf = (column: string, table = 'user') => `SELECT json_agg(json_build_array(id, ${column}) ORDER BY id)::text AS v FROM "${table}"`;

export const renameScenarios: Scenario[] = [
  {
    name: 'column renamed by default: no flags, every value kept (BC102 only)',
    before: user('    nick = db.Column(db.String(40))'),
    after: user('    handle = db.Column(db.String(40))'),
    seed: [SEED_NICK],
    survives: valuesOf('nick'),
    survivesAfterUpgrade: valuesOf('handle'),
    sameValuesAfterUpgrade: true,
    expect: ['BC102'],
    only: true,
    revisionMatches: [/# Migration Guard: ASSUMED RENAMES/, /column user\.nick -> handle {3}\(--no-rename user\.nick=handle\)/, /new_column_name='handle'/],
  },
  {
    name: 'NOT NULL column with rows renamed by default: no empty backfill (BC102 only)',
    before: user('    nick = db.Column(db.String(40), nullable=False)'),
    after: user('    handle = db.Column(db.String(40), nullable=False)'),
    seed: [`INSERT INTO "user" (nick) VALUES ('ann'), ('O''Brien'), ('')`],
    survives: valuesOf('nick'),
    survivesAfterUpgrade: valuesOf('handle'),
    sameValuesAfterUpgrade: true,
    expect: ['BC102'],
    only: true,
  },
  {
    name: "explicit database name (db.Column('email_address', ...)) renamed by default (BC102 only)",
    before: user('    email = db.Column(db.String(120), unique=True)'),
    after: user("    email = db.Column('email_address', db.String(120), unique=True)"),
    seed: [`INSERT INTO "user" (email) VALUES ('a@x.org'), ('b@y.org'), (NULL)`],
    survives: valuesOf('email'),
    survivesAfterUpgrade: valuesOf('email_address'),
    sameValuesAfterUpgrade: true,
    expect: ['BC102'],
    only: true,
  },
  {
    name: 'renamed and widened, nullable to NOT NULL, in one step (BC102 + MF104)',
    before: user('    nick = db.Column(db.String(40))'),
    after: user("    handle = db.Column(db.String(80), nullable=False, server_default='')"),
    seed: [`INSERT INTO "user" (nick) VALUES ('ann'), ('bob')`],
    survives: valuesOf('nick'),
    survivesAfterUpgrade: valuesOf('handle'),
    sameValuesAfterUpgrade: true,
    expect: ['BC102', 'MF104'],
  },
  {
    name: 'table renamed by default with a foreign key pointing at it (BC101 only)',
    before: `class Member(db.Model):\n    __tablename__ = 'member'\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(50), nullable=False)\n\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    member_id = db.Column(db.Integer, db.ForeignKey('member.id'), nullable=False)\n`,
    after: `class Member(db.Model):\n    __tablename__ = 'person'\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(50), nullable=False)\n\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    member_id = db.Column(db.Integer, db.ForeignKey('person.id'), nullable=False)\n`,
    seed: [`INSERT INTO member (name) VALUES ('ann'), ('bob'), ('O''Brien')`, 'INSERT INTO post (member_id) VALUES (2), (3), (3)'],
    survives: `SELECT json_agg(json_build_array(p.id, m.id, m.name) ORDER BY p.id)::text AS v FROM post p JOIN member m ON m.id = p.member_id`,
    survivesAfterUpgrade: `SELECT json_agg(json_build_array(p.id, m.id, m.name) ORDER BY p.id)::text AS v FROM post p JOIN person m ON m.id = p.member_id`,
    sameValuesAfterUpgrade: true,
    expect: ['BC101'],
    only: true,
    revisionMatches: [/op\.rename_table\('member', 'person'\)/, /table member -> person {3}\(--no-rename member=person\)/],
  },
  {
    name: 'ambiguous: two dropped columns fit one added column, drop + add with a destructive header (BC102, DS103)',
    before: user('    nick = db.Column(db.String(40))\n    alias = db.Column(db.String(60))'),
    after: user('    handle = db.Column(db.String(40))'),
    expect: ['BC102', 'DS103'],
    revisionMatches: [
      /# Migration Guard: this migration DESTROYS OR REWRITES DATA/,
      /# Migration Guard: AMBIGUOUS RENAME, written as drop \+ add/,
      /Possible renames: nick -> handle; alias -> handle/,
    ],
  },
  {
    name: 'rename declined with --no-rename: drop + add, as asked',
    before: user('    nick = db.Column(db.String(40))'),
    after: user('    handle = db.Column(db.String(40))'),
    renames: ['--no-rename', 'user.nick=handle'],
    expect: ['BC102'],
    revisionMatches: [/drops column user\.nick/, /(op\.drop_column\('user', |batch_op\.drop_column\()'nick'\)/],
  },
];
