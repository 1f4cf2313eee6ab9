// The language server with a PostgreSQL database (the editor sends its URL): the diagnostics say what
// the database counted (MF101's duplicate groups, PG101's table size), and so does the finding hover,
// in English and in Spanish.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { HoverRequest, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { DatabaseUrlNotification } from '../../src/protocol';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { TestClient, uriOf } from './harness';

const ROOT = path.join(__dirname, '..', '..', '..');
const TITLE = '    title = db.Column(db.String(200), nullable=False)\n';

describe('language server: row counts from a PostgreSQL database', () => {
  let dir = '';
  let db: TestDatabase | null = null;
  const clients: TestClient[] = [];

  before(async () => {
    if (await postgresProblem()) return;
    dir = mkdtempSync(path.join(tmpdir(), 'mg-lsp-counts-'));
    cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
    db = await createTestDatabase('mg_lsp_counts');
    const sql = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'sql', dir, 'head'], { encoding: 'utf8' });
    assert.equal(sql.status, 0, sql.stderr);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(sql.stdout);
      await client.query(`INSERT INTO "user" (username, email) VALUES ('ann', 'a@x')`);
      // Two groups of duplicate titles ("a" three times, "b" twice), one unique, and a NULL-free key.
      await client.query(`INSERT INTO post (title, author_id) VALUES ('a', 1), ('a', 1), ('a', 1), ('b', 1), ('b', 1), ('c', 1)`);
    } finally {
      await client.end();
    }
  });

  after(async () => {
    for (const c of clients) await c.stop();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function findingsWithCounts(locale: string | undefined, pattern: RegExp): Promise<{ client: TestClient; models: string; diagnostics: Diagnostic[] }> {
    const client = await TestClient.start({ workspaceFolders: [dir], ...(locale ? { locale } : {}) });
    clients.push(client);
    const models = path.join(dir, 'models.py');
    const text = readFileSync(models, 'utf8').replace(TITLE, '    title = db.Column(db.String(200), nullable=False, unique=True, index=True)\n');
    await client.open(models, text);
    await client.waitFor('MF101 without a database', () => client.diagnostics.get(uriOf(models))?.diagnostics.find((d) => d.code === 'MF101'));
    await client.connection.sendNotification(DatabaseUrlNotification.method, { project: uriOf(dir), url: db?.url });
    await client.waitFor('MF101 with its count', () =>
      client.diagnostics.get(uriOf(models))?.diagnostics.find((d) => d.code === 'MF101' && pattern.test(String(d.message))),
    );
    return { client, models, diagnostics: client.diagnostics.get(uriOf(models))?.diagnostics ?? [] };
  }

  async function hoverText(client: TestClient, models: string, diagnostic: Diagnostic): Promise<string> {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(models) }, position: diagnostic.range.start });
    return (hover?.contents as MarkupContent).value;
  }

  it('MF101 says how many groups of duplicates, PG101 how big the table is, in the diagnostic and the hover', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const { client, models, diagnostics } = await findingsWithCounts(undefined, /2 groups/);
    const mf101 = diagnostics.find((d) => d.code === 'MF101') as Diagnostic;
    assert.equal(mf101.message, 'Adding a unique constraint on `post.title` fails: the dev database has 2 groups of duplicate values there.');
    const pg101 = diagnostics.find((d) => d.code === 'PG101');
    assert.match(String(pg101?.message), /^Creating index `ix_post_title` on existing table `post` \(6 rows, \d+ kB in the dev database\) blocks writes/);
    const hover = await hoverText(client, models, mf101);
    assert.match(hover, /\*\*MF101\*\*\n\n\*\*In the dev database:\*\* 2 groups of duplicate values \(of 6 rows\)/);
    assert.match(hover, /\*\*PG101\*\*\n\n\*\*In the dev database:\*\* 6 rows, \d+ kB/);
  });

  it('and in Spanish', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const { client, models, diagnostics } = await findingsWithCounts('es', /2 grupos/);
    const mf101 = diagnostics.find((d) => d.code === 'MF101') as Diagnostic;
    assert.equal(
      mf101.message,
      'Añadir una restricción de unicidad en `post.title` falla: la base de datos de desarrollo tiene 2 grupos de valores duplicados ahí.',
    );
    assert.match(String(diagnostics.find((d) => d.code === 'PG101')?.message), /\(6 filas, \d+ kB en la base de datos de desarrollo\)/);
    const hover = await hoverText(client, models, mf101);
    assert.match(hover, /\*\*En la base de datos de desarrollo:\*\* 2 grupos de valores duplicados \(de 6 filas\)/);
  });
});
