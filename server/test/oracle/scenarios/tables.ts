// Scenarios about tables, keys, indexes, enums and model layout (mixins, implicit names).
import { py, type Scenario } from './types';

const user = py`
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`;

const doc = (labels: string, extra = '') => py`
${user}
class Doc(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.Enum(${labels}, name='doc_status'), nullable=False, server_default='draft')
${extra}`;

export const tableScenarios: Scenario[] = [
  {
    name: 'new table with a foreign key',
    before: user,
    after: `${user}\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    user_id = db.Column(db.Integer, db.ForeignKey('user.id', ondelete='CASCADE'), nullable=False, index=True)\n    title = db.Column(db.String(200), nullable=False)\n`,
    expect: [],
  },
  {
    name: 'association table',
    before: `${user}\nclass Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n`,
    after: `${user}\nclass Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\nuser_tags = db.Table('user_tags',\n    db.Column('user_id', db.Integer, db.ForeignKey('user.id'), primary_key=True),\n    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True))\n`,
    expect: [],
  },
  {
    name: 'table dropped (DS102)',
    before: `${user}\nclass Audit(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    note = db.Column(db.Text)\n`,
    after: user,
    expect: ['DS102'],
  },
  {
    name: 'child table with a foreign key dropped',
    before: `${user}\nclass Login(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    user_id = db.Column(db.Integer, db.ForeignKey('user.id'), index=True)\n`,
    after: user,
    expect: ['DS102'],
  },
  {
    name: 'table renamed by choice keeps its rows (BC101)',
    before: `class Member(db.Model):\n    __tablename__ = 'member'\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(50))\n\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    member_id = db.Column(db.Integer, db.ForeignKey('member.id'))\n`,
    after: `class Member(db.Model):\n    __tablename__ = 'person'\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(50))\n\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    member_id = db.Column(db.Integer, db.ForeignKey('person.id'))\n`,
    renames: ['--rename-table', 'member=person'],
    seed: [`INSERT INTO member (name) VALUES ('ann'), ('bob')`, 'INSERT INTO post (member_id) VALUES (2)'],
    survives: 'SELECT count(*)::text FROM post',
    survivesAfterUpgrade: `SELECT string_agg(name, ',' ORDER BY id) || ':' || nextval('person_id_seq') FROM person`,
    expect: ['BC101'],
    only: true,
  },
  { name: 'index added on an existing table (PG101)', before: user, after: user.replace('db.String(120))', 'db.String(120), index=True)'), expect: ['PG101'] },
  {
    name: 'index added concurrently, outside the transaction (PG101 fix)',
    before: user,
    after: user.replace('db.String(120))', 'db.String(120), index=True)'),
    renames: ['--concurrently', 'ix_user_email'],
    seed: [`INSERT INTO "user" (email) VALUES ('a@x')`],
    expect: ['PG101'],
  },
  { name: 'index removed', before: user.replace('db.String(120))', 'db.String(120), index=True)'), after: user, expect: [] },
  {
    name: 'unique added (MF101)',
    before: user,
    after: user.replace('db.String(120))', 'db.String(120), unique=True)'),
    seed: [`INSERT INTO "user" (email) VALUES ('a@x'), ('b@x')`],
    expect: ['MF101'],
  },
  { name: 'unique removed', before: user.replace('db.String(120))', 'db.String(120), unique=True)'), after: user, expect: [] },
  {
    name: 'composite unique added (MF101)',
    before: `${user}    city = db.Column(db.String(40))\n`,
    after: `${user}    city = db.Column(db.String(40))\n    __table_args__ = (db.UniqueConstraint('email', 'city', name='uq_user_email_city'),)\n`,
    expect: ['MF101'],
  },
  {
    name: 'foreign key gains ON DELETE CASCADE',
    before: `${user}\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n`,
    after: `${user}\nclass Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    user_id = db.Column(db.Integer, db.ForeignKey('user.id', ondelete='CASCADE'))\n`,
    expect: [],
  },
  // A CHECK constraint added to an existing table is not a scenario: Alembic's autogenerate does not
  // compare CHECK constraints, and neither does this tool (db/alembicUncompared.test.ts, with the oracle).
  { name: 'enum column added', before: user, after: `${user}    mood = db.Column(db.Enum('happy', 'sad', name='mood'))\n`, expect: [] },
  {
    name: 'enum values added',
    before: doc("'draft', 'published'"),
    after: doc("'draft', 'review', 'published', 'archived'"),
    seed: [`INSERT INTO doc (status) VALUES ('published')`],
    survives: "SELECT string_agg(status::text, ',') FROM doc",
    expect: [],
  },
  {
    name: 'enum value removed (MF105)',
    before: doc("'draft', 'published', 'archived'"),
    after: doc("'draft', 'published'"),
    seed: [`INSERT INTO doc (status) VALUES ('published'), ('draft')`],
    survives: "SELECT string_agg(status::text, ',' ORDER BY id) FROM doc",
    expect: ['MF105'],
  },
  {
    name: 'mixin columns added to two models',
    before: `${user}\nclass Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n`,
    after: `class Stamped:\n    created_at = db.Column(db.DateTime, nullable=False, server_default=db.func.now())\n\nclass User(Stamped, db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String(120))\n\nclass Note(Stamped, db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n`,
    seed: [`INSERT INTO note DEFAULT VALUES`],
    expect: [],
  },
  {
    name: 'implicit table name of a new CamelCase model',
    before: user,
    after: `${user}\nclass UserProfile(db.Model):\n    id = db.Column(db.BigInteger, primary_key=True)\n    user_id = db.Column(db.Integer, db.ForeignKey('user.id'), unique=True)\n    bio = db.Column(db.Text, server_default='')\n`,
    expect: [],
  },
];

const rich = py`
class Stamped:
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, server_default=db.func.now())

class Account(Stamped, db.Model):
    id = db.Column(db.BigInteger, primary_key=True)
    email = db.Column(db.String(120), nullable=False, unique=True)
    plan = db.Column(db.Enum('free', 'pro', name='plan'), nullable=False, server_default='free')
    balance = db.Column(db.Numeric(12, 2), nullable=False, server_default='0')
    __table_args__ = (db.CheckConstraint('balance >= 0', name='ck_account_balance'),)

class Project(Stamped, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.BigInteger, db.ForeignKey('account.id', ondelete='CASCADE'), nullable=False, index=True)
    slug = db.Column('project_slug', db.String(60), nullable=False)
    archived = db.Column(db.Boolean, nullable=False, server_default=sa.false())
    __table_args__ = (db.UniqueConstraint('account_id', 'project_slug'),)

class Label(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), nullable=False)

project_labels = db.Table('project_labels',
    db.Column('project_id', db.Integer, db.ForeignKey('project.id', ondelete='CASCADE'), primary_key=True),
    db.Column('label_id', db.Integer, db.ForeignKey('label.id'), primary_key=True))
`;

const keep = py`
class Keep(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`;

tableScenarios.push(
  { name: 'a whole schema from nothing (tables in foreign-key order, enum first)', before: keep, after: `${keep}\n${rich}`, expect: [] },
  {
    name: 'a whole schema dropped (tables in reverse order, enum last)',
    before: `${keep}\n${rich}`,
    after: keep,
    seed: [`INSERT INTO account (email) VALUES ('a@x')`, `INSERT INTO project (account_id, project_slug) VALUES (1, 'p')`],
    expect: ['DS102'],
  },
);
