// `revision` in a real terminal (a pseudo-terminal made by Python's pty module): it asks about each
// assumed rename as Django's makemigrations does, and "n" writes drop + add; --no-input and a pipe
// (no TTY) take the default without asking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

// Runs argv in a pty; answers each prompt ("[Y/n]" or "[0]") with the next answer.
const PTY_DRIVER = `
import os, pty, sys, json
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out = b''
asked = 0
since = 0
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if asked < len(answers) and (b'[Y/n]' in out[since:] or b'[0]' in out[since:]):
        os.write(fd, (answers[asked] + '\\n').encode())
        asked += 1
        since = len(out)
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({'status': os.waitstatus_to_exitcode(status), 'out': out.decode('utf8', 'replace'), 'asked': asked}))
`;

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-prompt-'));
  cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
  const models = path.join(dir, 'models.py');
  writeFileSync(models, readFileSync(models, 'utf8').replace('    body = db.Column(db.Text)\n', '    content = db.Column(db.Text)\n'));
  return dir;
}

function inTerminal(args: string[], answers: string[]): { status: number; out: string; asked: number } {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', PTY_DRIVER, JSON.stringify([process.execPath, CLI, ...args]), JSON.stringify(answers)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { status: number; out: string; asked: number };
}

const newRevision = (dir: string) => {
  const versions = path.join(dir, 'migrations', 'versions');
  const files = readdirSync(versions).filter((f) => f.endsWith('_x.py'));
  assert.equal(files.length, 1, files.join(', '));
  return readFileSync(path.join(versions, files[0] as string), 'utf8');
};

describe('revision asks about renames in a terminal', () => {
  it('asks [Y/n] in a TTY; "n" writes drop + add, Enter keeps the rename', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const declined = project();
    const no = inTerminal(['revision', declined, '-m', 'x', '--autogenerate'], ['n']);
    assert.equal(no.status, 0, no.out);
    assert.equal(no.asked, 1, no.out);
    assert.match(no.out, /Was post\.body → post\.content renamed \(text\)\? It keeps the data\. \[Y\/n\]/);
    // classic uses Flask-Migrate 4, whose default is batch mode: the drop is written in a batch block.
    assert.match(newRevision(declined), /op\.drop_column\('post', 'body'\)|batch_op\.drop_column\('body'\)/);

    const kept = project();
    const enter = inTerminal(['revision', kept, '-m', 'x', '--autogenerate'], ['']);
    assert.equal(enter.asked, 1, enter.out);
    assert.match(newRevision(kept), /new_column_name='content'/);
  });

  it('never asks with --no-input, or when stdin is not a terminal: the default (the rename)', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const noInput = project();
    const quiet = inTerminal(['revision', noInput, '-m', 'x', '--autogenerate', '--no-input'], ['n']);
    assert.equal(quiet.asked, 0, quiet.out);
    assert.match(newRevision(noInput), /new_column_name='content'/);
    const piped = project();
    const run = spawnSync(process.execPath, [CLI, 'revision', piped, '-m', 'x', '--autogenerate'], { input: 'n\n', encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /\[Y\/n\]/);
    assert.match(newRevision(piped), /new_column_name='content'/);
  });
});
