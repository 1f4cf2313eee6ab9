// Runs the built CLI (dist/cli.js) over real-world checkouts, for docs/real-world.md. It never
// fetches, builds or runs the projects' code: it reads checkouts and git directories already here.
//
//   node scripts/real-world.mjs projects DIR...            check, schema --from migrations and revision per checkout
//   node scripts/real-world.mjs commits GITDIR [N] [--since REV] [--only HASH]
//       the last N commits of GITDIR that changed model files and added a revision together: at each,
//       the added revision is removed, `revision --autogenerate` writes ours, and the tables and columns
//       the two produce (schema --from migrations with each at head) are compared.
//   node scripts/real-world.mjs checks GITDIR [N] [--only HASH]
//       the same commits: check's DS/MF warnings at each (their revision in place) and at its parent.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = process.env.MG_CLI ?? path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');

function cli(args) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  return { code: run.status ?? -1, out: run.stdout ?? '', err: run.stderr ?? '' };
}

function git(gitDir, args, input) {
  const run = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1024 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr.toString()}`);
  return run.stdout;
}

// ---- projects ---------------------------------------------------------------------------------

function countFindings(findings) {
  const counts = {};
  for (const f of findings) {
    const key = `${f.code}${f.severity === 'info' || f.severity === 'hint' ? '(info)' : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function projectRow(dir) {
  const check = cli(['check', dir, '--format', 'json']);
  const findings = parseJson(check.out)?.filter?.(() => true) ?? [];
  const schema = cli(['schema', dir, '--from', 'migrations', '--format', 'json']);
  const tablesJson = parseJson(schema.out)?.tables;
  const tables = tablesJson ? Object.keys(tablesJson).length : null;
  const scratch = mkdtempSync(path.join(tmpdir(), 'mg-rw-'));
  cpSync(dir, scratch, { recursive: true, filter: (s) => !/[\\/](node_modules|\.git)$/.test(s) });
  const revision = cli(['revision', scratch, '-m', 'real world', '--autogenerate']);
  rmSync(scratch, { recursive: true, force: true });
  const destructive = findings.filter((f) => f.destructive).length;
  const uncertain = findings.filter((f) => /Uncertain:/.test(f.message)).length;
  const errors = check.err.split('\n').filter((l) => /: error: /.test(l)).length;
  return {
    project: path.basename(dir),
    checkExit: check.code,
    findings: countFindings(findings),
    destructive,
    uncertain,
    replayErrors: errors,
    schemaExit: schema.code,
    tables,
    revisionExit: revision.code,
    revisionNote: revision.code === 0 ? '' : (revision.err.split('\n').find((l) => l.trim()) ?? '').slice(0, 160),
  };
}

// ---- commits ----------------------------------------------------------------------------------

const KEEP = /\.(py|ini|mako|cfg|toml|txt|env|flaskenv)$/;

/** Writes the files of `commit` that the engine reads (Python, config) into dest; blobs missing from the snapshot are skipped. */
function exportTree(gitDir, commit, dest) {
  const entries = git(gitDir, ['ls-tree', '-r', '-z', commit])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, file };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000' && KEEP.test(e.file) && !/(^|\/)(node_modules|\.git)\//.test(e.file));
  const batch = git(gitDir, ['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  let offset = 0;
  for (const entry of entries) {
    const end = batch.indexOf(10, offset);
    const header = batch.subarray(offset, end).toString().split(' ');
    offset = end + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    const data = batch.subarray(offset, offset + size);
    offset += size + 1;
    const out = path.join(dest, entry.file);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, data);
  }
}

const REVISION_FILE = /(^|\/)(migrations|alembic|migrate)\/(versions\/)?[^/]+\.py$/;
const REVISION_ID = /^revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]/m;

/** Commits (newest first) that add a revision file and change some non-revision Python file. */
function modelCommits(gitDir, limit, since) {
  const range = since ? [`${since}..HEAD`] : ['HEAD'];
  const log = git(gitDir, ['log', '--no-merges', '--no-renames', '--format=@%H', '--name-status', ...range]).toString('utf8');
  const out = [];
  for (const chunk of log.split('@').filter(Boolean)) {
    const [hash, ...lines] = chunk.trim().split('\n');
    const changes = lines.filter(Boolean).map((l) => l.split('\t'));
    const added = changes.filter(([status, file]) => status === 'A' && REVISION_FILE.test(file) && !file.endsWith('__init__.py') && !file.includes('/test'));
    const models = changes.filter(
      ([status, file]) =>
        status === 'M' && file.endsWith('.py') && !REVISION_FILE.test(file) && !/(^|\/)tests?\//.test(file) && /model|db|schema|table/i.test(file),
    );
    // Revision files the commit also edits (re-parenting an existing revision onto theirs, as open-event-server's 4d0895a82f does).
    const reparented = changes.filter(([status, file]) => status === 'M' && REVISION_FILE.test(file) && !file.endsWith('__init__.py')).map((c) => c[1]);
    if (added.length === 1 && models.length > 0) out.push({ hash, revisionFile: added[0][1], modelFiles: models.map((m) => m[1]), reparented });
    if (out.length >= limit) break;
  }
  return out;
}

/** tables → columns → "type null|not null", from schema --from migrations. */
function tableShape(dir) {
  const run = cli(['schema', dir, '--from', 'migrations', '--format', 'json']);
  if (run.code !== 0) return { error: run.err.split('\n')[0] };
  const json = JSON.parse(run.out);
  const shape = {};
  for (const [table, spec] of Object.entries(json.tables)) {
    shape[table] = Object.fromEntries(Object.entries(spec.columns).map(([c, col]) => [c, `${col.type}${col.nullable ? '' : ' not null'}`]));
  }
  return { shape };
}

/**
 * A type neither side can read (a helper such as key_type("User"), "?…" from the models or
 * "unknown" from a replayed revision) with the same nullability: compared by presence only, as the
 * engine itself compares unresolved types.
 */
function bothUnreadable(a, b) {
  const unreadable = /^(\?.*|unknown)( not null)?$/;
  const nullity = (t) => t.endsWith(' not null');
  return unreadable.test(a) && unreadable.test(b) && nullity(a) === nullity(b);
}

/** Table and column differences between the schema after their revision and after ours. */
function compareShapes(theirs, ours) {
  const diffs = [];
  for (const table of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
    const a = theirs[table];
    const b = ours[table];
    if (!a) diffs.push(`+table ${table} (only ours)`);
    else if (!b) diffs.push(`-table ${table} (only theirs)`);
    else {
      for (const column of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (a[column] === b[column] || (a[column] !== undefined && b[column] !== undefined && bothUnreadable(a[column], b[column]))) continue;
        if (a[column] === undefined) diffs.push(`+${table}.${column} ${b[column]} (only ours)`);
        else if (b[column] === undefined) diffs.push(`-${table}.${column} ${a[column]} (only theirs)`);
        else diffs.push(`~${table}.${column}: theirs ${a[column]}, ours ${b[column]}`);
      }
    }
  }
  return diffs;
}

/** "table" or "table.column" a difference line is about. */
function diffKey(line) {
  return /^[-+~](?:table )?([^\s:]+)/.exec(line)?.[1] ?? line;
}

/** Table and column changes `revision --autogenerate` makes in dir: the drift between its models and its history. */
function driftIn(dir) {
  const before = tableShape(dir);
  const revision = cli(['revision', dir, '-m', 'drift', '--autogenerate']);
  const after = tableShape(dir);
  if (before.error || after.error || revision.code !== 0) return null;
  return compareShapes(before.shape, after.shape);
}

/**
 * What `revision --autogenerate` at the parent commit would change: the drift already there. When
 * the parent's own history cannot take a revision (two heads the commit itself reconciles, by
 * re-parenting a revision), the commit's history without their revision, with the parent's models.
 */
function parentDrift(gitDir, entry) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-rw-parent-'));
  try {
    exportTree(gitDir, `${entry.hash}^`, dir);
    const atParent = driftIn(dir);
    if (atParent) return atParent;
    rmSync(dir, { recursive: true, force: true });
    exportTree(gitDir, entry.hash, dir);
    rmSync(path.join(dir, entry.revisionFile), { force: true });
    for (const file of entry.modelFiles) {
      const blob = spawnSync('git', ['--git-dir', gitDir, 'show', `${entry.hash}^:${file}`], { maxBuffer: 1024 * 1024 * 1024 });
      if (blob.status === 0) writeFileSync(path.join(dir, file), blob.stdout);
    }
    return driftIn(dir) ?? [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function commitRow(gitDir, entry) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-rw-commit-'));
  try {
    exportTree(gitDir, entry.hash, dir);
    const revisionPath = path.join(dir, entry.revisionFile);
    const text = existsSync(revisionPath) ? readFileSync(revisionPath, 'utf8') : '';
    const theirsId = REVISION_ID.exec(text)?.[1] ?? '?';
    const theirs = tableShape(dir);
    rmSync(revisionPath);
    // Without their revision, a revision the commit re-parented onto it (its down_revision now names
    // theirs) is taken as it was at the parent, else its down_revision names a revision that is gone.
    const downOnTheirs = new RegExp(`^down_revision\\b.*['"]${theirsId.replace(/[^\w-]/g, '')}['"]`, 'm');
    for (const file of entry.reparented) {
      const current = path.join(dir, file);
      if (!existsSync(current) || !downOnTheirs.test(readFileSync(current, 'utf8'))) continue;
      const blob = spawnSync('git', ['--git-dir', gitDir, 'show', `${entry.hash}^:${file}`], { maxBuffer: 1024 * 1024 * 1024 });
      if (blob.status === 0) writeFileSync(path.join(dir, file), blob.stdout);
    }
    const before = tableShape(dir);
    const revision = cli(['revision', dir, '-m', 'real world', '--autogenerate', '--format', 'json']);
    const ours = tableShape(dir);
    const base = { commit: entry.hash.slice(0, 10), revision: theirsId, file: entry.revisionFile };
    if (theirs.error || ours.error || before.error) return { ...base, outcome: 'error', detail: theirs.error ?? ours.error ?? before.error };
    if (revision.code !== 0) return { ...base, outcome: 'no revision', detail: revision.err.split('\n').find((l) => l.trim()) ?? '' };
    const theirsChange = compareShapes(before.shape, theirs.shape);
    const diffs = compareShapes(theirs.shape, ours.shape);
    if (diffs.length === 0) return { ...base, outcome: 'match', theirChanges: theirsChange.length, detail: '' };
    // Drift the project already had at the parent commit (models vs head) is not this commit's doing.
    // A whole table in that drift (created by create_all, never by a revision) covers its columns,
    // except the ones their revision touches: those must match on their own.
    const drift = new Set(parentDrift(gitDir, entry).map(diffKey));
    const touched = new Set(theirsChange.map(diffKey));
    const covered = (d) => {
      const key = diffKey(d);
      if (drift.has(key)) return true;
      const table = key.split('.')[0];
      return key !== table && drift.has(table) && !touched.has(key) && !touched.has(table);
    };
    const residual = diffs.filter((d) => !covered(d));
    const outcome = residual.length === 0 ? 'match (drift before the commit left aside)' : 'miss';
    return { ...base, outcome, theirChanges: theirsChange.length, detail: (residual.length > 0 ? residual : diffs).slice(0, 6).join('; ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The DS and MF warnings `check` gives on a tree (code table.column), or null when it does not answer. */
function checkWarnings(dir) {
  const run = cli(['check', dir, '--format', 'json']);
  if (run.code !== 0 && run.code !== 1) return null;
  const findings = parseJson(run.out) ?? [];
  return findings
    .filter((f) => f.severity === 'warning' && /^(DS|MF)/.test(f.code))
    .map((f) => `${f.code} ${f.table}${f.column ? `.${f.column}` : ''}`)
    .sort();
}

/**
 * At a commit where the developers changed the models and added their revision together (models and
 * history in sync, as far as they meant), the DS/MF warnings check gives, and those it did not give at
 * the parent: a new one is either drift their own revision left (true) or a false warning of ours.
 */
function checkRow(gitDir, entry) {
  const at = (rev) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-rw-check-'));
    try {
      exportTree(gitDir, rev, dir);
      return checkWarnings(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const warnings = at(entry.hash);
  const parent = at(`${entry.hash}^`);
  const base = { commit: entry.hash.slice(0, 10), file: entry.revisionFile };
  if (warnings === null) return { ...base, answers: false };
  const before = new Set(parent ?? []);
  return { ...base, answers: true, warnings, newSinceParent: warnings.filter((w) => !before.has(w)) };
}

// ---- main -------------------------------------------------------------------------------------

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'projects') {
  for (const dir of rest) console.log(JSON.stringify(projectRow(path.resolve(dir))));
} else if (mode === 'checks') {
  // The same selection as `commits`: check's DS/MF warnings at each commit and what is new since its parent.
  const [gitDir, limit = '10', ...flags] = rest;
  // --only HASH: one commit of the selection (the selection is the newest N from the snapshot's HEAD, which moves).
  const only = flags.includes('--only') ? flags[flags.indexOf('--only') + 1] : undefined;
  for (const entry of modelCommits(gitDir, Number(limit))) {
    if (only === undefined || entry.hash.startsWith(only)) console.log(JSON.stringify(checkRow(gitDir, entry)));
  }
} else if (mode === 'commits') {
  const [gitDir, limit = '10', ...flags] = rest;
  const flagValue = (name) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : undefined);
  // --only HASH: one commit of the selection again (to look at a miss), same rule, same row.
  const only = flagValue('--only');
  // --list: the selection only (hash, their revision, revision files the commit also edits).
  if (flags.includes('--list')) {
    for (const entry of modelCommits(gitDir, Number(limit), flagValue('--since')))
      console.log(entry.hash.slice(0, 10), entry.revisionFile, entry.reparented.join(' '));
    process.exit(0);
  }
  for (const entry of modelCommits(gitDir, Number(limit), flagValue('--since'))) {
    if (only === undefined || entry.hash.startsWith(only)) console.log(JSON.stringify(commitRow(gitDir, entry)));
  }
} else {
  console.error('usage: node scripts/real-world.mjs projects DIR... | commits GITDIR [N] [--since REV] [--only HASH] | checks GITDIR [N] [--only HASH]');
  process.exit(2);
}
