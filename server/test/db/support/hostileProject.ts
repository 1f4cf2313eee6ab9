// The hostile-names project: a real Flask-Migrate project (made by `flask db init`) whose models name
// tables, columns, indexes, constraints, enums, labels, defaults and comments with quotes, backslashes,
// control characters, reserved words, comment openers, SQL fragments and format placeholders. Its
// revisions are written by our `revision`, through the project's own script.py.mako.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientBase } from 'pg';
import { SYSTEM_PYTHON } from '../../support/oracles';
import type { ToolOutput } from './flaskProject';

export const HOSTILE_DIR = join(__dirname, 'hostile');
export const EVIL = 'x"; DROP TABLE sentinel; --';
export const DOOMED = 'tab\ttable; DROP TABLE sentinel';
export const DROPPED_COLUMN = 'new\nline';
/** A revision message that would close the docstring and run code if it were written as it is. */
export const HOSTILE_MESSAGE = 'second """\nimport os; os.system("echo pwned") \\';

const env = (url: string) => ({ ...process.env, DATABASE_URL: url, PYTHONDONTWRITEBYTECODE: '1' });

export interface HostileProject {
  dir: string;
  /** Makes models.py version 1 or 2 of the matrix. */
  useModels(version: 1 | 2): void;
  flaskDb(args: string[], sqlalchemyUrl: string): Promise<ToolOutput>;
  /** SQLAlchemy's `db.create_all()` of the current models.py: the schema the names must give. */
  createAll(sqlalchemyUrl: string): Promise<ToolOutput>;
  revisionFiles(): string[];
  remove(): void;
}

function python(dir: string, args: string[], url: string): Promise<ToolOutput> {
  return new Promise<ToolOutput>((resolve) => {
    const child = spawn(SYSTEM_PYTHON, args, { cwd: dir, env: env(url), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => resolve({ status: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function createHostileProject(): HostileProject {
  const dir = mkdtempSync(join(tmpdir(), 'mg-hostile-'));
  copyFileSync(join(HOSTILE_DIR, 'app.py'), join(dir, 'app.py'));
  const useModels = (version: 1 | 2) => copyFileSync(join(HOSTILE_DIR, `models_v${version}.py`), join(dir, 'models.py'));
  useModels(1);
  const init = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', '--app', 'app', 'db', 'init'], {
    cwd: dir,
    encoding: 'utf8',
    env: env('postgresql://unused@127.0.0.1/unused'),
  });
  if (init.status !== 0) throw new Error(`flask db init failed: ${init.stderr}`);
  const versions = join(dir, 'migrations', 'versions');
  return {
    dir,
    useModels,
    flaskDb: (args, url) => python(dir, ['-m', 'flask', '--app', 'app', 'db', ...args], url),
    createAll: (url) => python(dir, ['-c', 'from app import app, db\nwith app.app_context():\n    db.create_all()'], url),
    revisionFiles: () =>
      readdirSync(versions)
        .filter((f) => f.endsWith('.py'))
        .map((f) => join(versions, f)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Every object of the public schema as PostgreSQL's catalog spells it (names through quote_ident,
 * definitions through pg_get_*def): relations, columns in order with type, NOT NULL, default and
 * comment, constraints, indexes, enum labels. Without columnOrder, the column positions are left out:
 * create_all puts an added column where the model declares it, a migration at the end. alembic_version is left out (our backups live in their
 * own schema). Independent of our introspector, so it also checks what that one reads.
 */
export async function publicCatalog(client: ClientBase, options: { columnOrder: boolean } = { columnOrder: true }): Promise<string[]> {
  const result = await client.query<{ line: string }>(
    `
    with rel as (
      select c.oid, c.relname, c.relkind from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relname not in ('alembic_version', 'alembic_version_pkc'))
    select 'relation ' || relkind::text || ' ' || quote_ident(relname) as line from rel
    union all
    select 'column ' || quote_ident(r.relname) || case when $1 then ' #' || a.attnum else '' end || ' ' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
           || case when a.attnotnull then ' not null' else '' end
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
           || coalesce(' comment ' || quote_literal(col_description(r.oid, a.attnum)), '')
      from rel r join pg_attribute a on a.attrelid = r.oid
      left join pg_attrdef d on d.adrelid = r.oid and d.adnum = a.attnum
     where r.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    union all
    select 'constraint ' || quote_ident(r.relname) || ' ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid)
      from rel r join pg_constraint k on k.conrelid = r.oid
    union all
    select 'index ' || pg_get_indexdef(i.indexrelid) from rel r join pg_index i on i.indrelid = r.oid
    union all
    select 'sequence owner ' || quote_ident(s.relname) || ' ' || quote_ident(t.relname) || '.' || quote_ident(a.attname)
      from rel s join pg_depend dep on dep.objid = s.oid and dep.deptype = 'a'
      join pg_class t on t.oid = dep.refobjid join pg_attribute a on a.attrelid = t.oid and a.attnum = dep.refobjsubid
     where s.relkind = 'S'
    union all
    select 'enum ' || quote_ident(t.typname) || ' ' || string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
      from pg_type t join pg_enum e on e.enumtypid = t.oid
     where t.typnamespace = 'public'::regnamespace group by t.typname
    order by 1`,
    [options.columnOrder],
  );
  return result.rows.map((r) => r.line);
}

export const SENTINEL_SQL = 'create table sentinel (id integer primary key, note text); insert into sentinel values (1, $$one$$), (2, $$two$$)';

/** The sentinel's rows: every crafted name tries to drop it. */
export async function sentinelRows(client: ClientBase): Promise<string> {
  const result = await client.query<{ rows: string | null }>(`select string_agg(id || ':' || note, ',' order by id) as rows from sentinel`);
  return result.rows[0]?.rows ?? '';
}

/**
 * A Python program that exits 1 (naming the node) if a revision file holds anything besides what
 * Alembic writes: a docstring, imports, the four identifiers, and upgrade()/downgrade() made only of
 * op./batch_op. calls and their with-blocks. Any name that escaped a string would show up here.
 */
export const ALEMBIC_SHAPE_CHECK = `
import ast, sys
tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())
IDS = {'revision', 'down_revision', 'branch_labels', 'depends_on'}
def fail(node, why):
    print(f'{why}: line {node.lineno}: {ast.dump(node)[:200]}'); sys.exit(1)
def root(node):
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return node.id if isinstance(node, ast.Name) else None
def body(stmts):
    for s in stmts:
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and root(s.value) in ('op', 'batch_op'):
            continue
        if isinstance(s, ast.With) and all(root(i.context_expr) == 'op' for i in s.items):
            body(s.body); continue
        if isinstance(s, ast.Pass):
            continue
        fail(s, 'not an Alembic op')
for i, node in enumerate(tree.body):
    if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        continue
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        continue
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and getattr(node.targets[0], 'id', None) in IDS:
        continue
    if isinstance(node, ast.FunctionDef) and node.name in ('upgrade', 'downgrade'):
        body(node.body); continue
    fail(node, 'unexpected at module level')
print(tree.body[0].value.value)
`;
