// `npm run demo`: the whole story on a copy of a test fixture, with the real bundled CLI and the
// embedded PGlite database (no PostgreSQL server, no Python needed): create the database from the
// migrations, add data, change a model destructively, see the warning with row counts, write the
// migration, dry-run it, upgrade (with a backup), downgrade, and put the data back from the backup.
// Then the same story on a SQLite file (test-fixtures/sqlite-blog, whose config.py names app.db):
// batch-mode revisions and the file itself migrated in one transaction (this part needs a Python,
// whose sqlite3 module is the driver; it is skipped with the reason when there is none).
// Usage: node scripts/demo.mjs [fixture]   (default: test-fixtures/classic)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fixture = path.join(root, process.argv[2] ?? 'test-fixtures/classic');
const cli = path.join(root, 'dist', 'cli.js');
// The demo works on a copy: the fixture in the repository is never modified.
const work = mkdtempSync(path.join(tmpdir(), 'migration-guard-demo-'));
const sqliteWork = mkdtempSync(path.join(tmpdir(), 'migration-guard-demo-sqlite-'));
const sqliteDb = path.join(sqliteWork, 'app.db');
const python = process.env.MG_DEMO_PYTHON ?? (process.platform === 'win32' ? 'python' : 'python3');
const dataDir = path.join(work, '.migration-guard', 'pglite');
const shown = (p) =>
  p.startsWith(sqliteWork) ? `$SQLITE${p.slice(sqliteWork.length)}` : p.startsWith(work) ? `$WORK${p.slice(work.length)}` : path.relative(root, p) || '.';
// The embedded database is asked for by name, so a DATABASE_URL in the environment can't redirect the demo.
const DB = ['--database-url', 'embedded'];
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.SQLALCHEMY_DATABASE_URI;

function banner(title) {
  console.log(`\n${'─'.repeat(78)}\n▶ ${title}`);
}

/** Runs a command, echoing it; stops the demo when it exits with a code not in allowExit. */
function run(title, command, args, { allowExit = [0], capture = false } = {}) {
  banner(title);
  console.log(
    `$ ${[command === process.execPath ? 'node' : command, ...args.map((a) => (a.startsWith(root) || a.startsWith(work) ? shown(a) : a))].join(' ')}`,
  );
  const result = spawnSync(command, args, { stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', cwd: root, env, encoding: 'utf8' });
  if (capture) process.stdout.write(result.stdout);
  if (!allowExit.includes(result.status ?? -1)) {
    console.error(`\n✖ "${title}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  return result;
}

const mg = (title, args, options) => run(title, process.execPath, [cli, ...args], options);

/** Runs SQL on the embedded database directly (between CLI runs, when nobody else has it open). */
async function sql(title, statements) {
  banner(title);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  try {
    let last;
    for (const statement of statements) {
      console.log(`sql> ${statement}`);
      last = await db.query(statement);
    }
    if (last?.rows?.length) console.table(last.rows);
    return last;
  } finally {
    await db.close();
  }
}

/** The destructive model change: the Post.body column is deleted from models.py. */
function editModel() {
  banner('Edit the model: delete the Post.body column from models.py (its data would be lost)');
  const file = path.join(work, 'models.py');
  const text = readFileSync(file, 'utf8');
  const line = text.split('\n').find((l) => /^\s+body = db\.Column\(db\.Text\)\s*$/.test(l));
  if (!line) throw new Error(`${shown(file)} has no "body = db.Column(db.Text)" line to delete`);
  writeFileSync(file, text.replace(`${line}\n`, ''));
  console.log(`- ${line.trim()}    (removed from ${shown(file)}, class Post)`);
}

function showNewRevision(output) {
  const file = /(\S+\.py)\s*$/m.exec(output)?.[1];
  if (!file) return;
  const full = path.isAbsolute(file) ? file : path.resolve(work, file);
  console.log(`\n--- ${shown(full)}`);
  console.log(readFileSync(full, 'utf8'));
}

let restoreSql = null;

const STEPS = [
  () => run('Build the extension, the language server and the CLI', process.execPath, [path.join(root, 'esbuild.mjs')]),
  () => {
    cpSync(fixture, work, { recursive: true, filter: (p) => !p.includes('__pycache__') && !p.includes('.migration-guard') });
    banner(`Copy the fixture ${shown(fixture)} to a scratch workspace`);
    console.log(`$WORK = ${work}`);
  },
  () => mg('The schema the model files describe (read with tree-sitter: no Python, no database)', ['schema', work, '--from', 'models', '--format', 'text']),
  () => mg("Create the embedded PGlite database from the fixture's migrations (base → head)", ['upgrade', work, 'head', ...DB]),
  () => mg('The database now records the head revision, exactly as Alembic would', ['current', work, ...DB]),
  () =>
    sql('Add some data', [
      `INSERT INTO "user" (username, email) VALUES ('ada', 'ada@example.com'), ('grace', 'grace@example.com')`,
      `INSERT INTO post (title, body, author_id) VALUES ('Notes on the engine', 'The engine weaves algebraic patterns.', 1), ('COBOL', 'Compilers for everyone.', 2), ('Draft', NULL, 2)`,
      `SELECT id, title, body FROM post ORDER BY id`,
    ]),
  () => editModel(),
  () => mg('Migration Guard warns before anything runs — with the rows at risk from the database', ['check', work, ...DB], { allowExit: [1] }),
  () => {
    const result = mg('Write the migration (like flask db migrate)', ['revision', work, '-m', 'drop post body', '--autogenerate'], { capture: true });
    showNewRevision(result.stdout);
  },
  () => mg('Dry run: every statement runs inside a transaction that is rolled back', ['upgrade', work, ...DB, '--dry-run']),
  () => {
    const result = mg('Upgrade for real: the dropped column is backed up first, in the same transaction', ['upgrade', work, ...DB], { capture: true });
    restoreSql = /^\s*(UPDATE "post" AS t SET "body" = .*;)\s*$/m.exec(result.stdout)?.[1] ?? null;
  },
  () =>
    sql('The backup schema holds the values that the upgrade dropped', [
      `SELECT backup_table, source_table, source_columns, row_count, revision, created_at FROM migration_guard_backup.backups`,
    ]),
  () =>
    mg('Downgrade one revision: the column comes back, and our downgrade refills it from the newest backup in the same transaction', [
      'downgrade',
      work,
      '-1',
      ...DB,
    ]),
  async () => {
    // Plain `flask db downgrade` leaves the column empty; the restore SQL the upgrade printed is the way back then.
    if (!restoreSql) throw new Error('the upgrade printed no restore hint');
    await sql('The values are back (after a plain flask db downgrade, the restore SQL the upgrade printed does the same)', [
      `SELECT id, title, body FROM post ORDER BY id`,
    ]);
  },
  () => mg('Where the database stands now', ['current', work, ...DB]),
];

/** Runs SQL on the SQLite file with Python's sqlite3 (what the Flask app itself would use). */
function sqliteSql(title, script) {
  banner(title);
  for (const line of script
    .split(';')
    .map((l) => l.trim())
    .filter(Boolean))
    console.log(`sqlite> ${line}`);
  const code =
    'import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()\nfor r in c.execute("select id, username, about_me from user order by id"): print(r)';
  const result = spawnSync(python, ['-c', code, sqliteDb, script], { encoding: 'utf8' });
  process.stdout.write(result.stdout);
  if (result.status !== 0) throw new Error(result.stderr);
}

const SQLITE = ['--database-url', `sqlite:///${sqliteDb}`];
const SQLITE_STEPS = [
  () => {
    cpSync(path.join(root, 'test-fixtures', 'sqlite-blog'), sqliteWork, { recursive: true, filter: (p) => !p.includes('__pycache__') });
    banner('SQLite: copy test-fixtures/sqlite-blog (config.py: DATABASE_URL or sqlite:/// + app.db next to it)');
    console.log(`$SQLITE = ${sqliteWork}`);
  },
  () => mg('Which database? The one config.py names: a SQLite file (not the embedded PostgreSQL)', ['current', sqliteWork]),
  () => mg("Create app.db from the migrations, in one transaction, with SQLite's own locking", ['upgrade', sqliteWork]),
  () =>
    sqliteSql(
      'Add some data',
      "INSERT INTO user (username, email, about_me) VALUES ('ada', 'ada@example.com', 'Engines'), ('grace', 'grace@example.com', NULL)",
    ),
  () => {
    banner('Edit the model: delete User.about_me, shorten Post.body to String(20)');
    const file = path.join(sqliteWork, 'app', 'models.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('    about_me = db.Column(db.String(140))\n', '')
        .replace('db.String(140), nullable=False)', 'db.String(20), nullable=False)'),
    );
  },
  () =>
    mg('The warnings speak SQLite: the dropped values are counted in app.db; a shorter VARCHAR is not enforced there', ['check', sqliteWork, ...SQLITE], {
      allowExit: [1],
    }),
  () => {
    const result = mg(
      'Write the migration: batch blocks, as Flask-Migrate 4 writes them for SQLite',
      ['revision', sqliteWork, '-m', 'drop about me', '--autogenerate'],
      { capture: true },
    );
    showNewRevision(result.stdout);
  },
  () => mg('Dry run on the file: batch mode copies the table, then everything is rolled back', ['upgrade', sqliteWork, '--dry-run']),
  () => mg('Upgrade app.db for real: the file is copied next to itself first', ['upgrade', sqliteWork]),
  () => mg('Where app.db stands now (flask db current would say the same)', ['current', sqliteWork]),
  () => mg('Downgrade one revision: the column comes back (empty; the .bak copy holds the values)', ['downgrade', sqliteWork]),
];

try {
  for (const step of STEPS) await step();
  const probe = spawnSync(python, ['-c', 'import sqlite3'], { encoding: 'utf8' });
  if (probe.status === 0) for (const step of SQLITE_STEPS) await step();
  else console.log(`\n(skipped the SQLite part: ${python} with its sqlite3 module is needed to open SQLite files; set MG_DEMO_PYTHON)`);
  console.log('\n✔ demo finished');
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(sqliteWork, { recursive: true, force: true });
}
