// package.json contributions follow the house conventions, and every command the client registers is
// contributed (and the other way round).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
// The manifest as VS Code shows it in English: every %key% replaced from package.nls.json.
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'), (_key, value: unknown) =>
  typeof value === 'string' && /^%[\w.-]+%$/.test(value) ? (nls[value.slice(1, -1)] ?? value) : value,
);
const contributes = pkg.contributes;
const registry = readFileSync(join(ROOT, 'client', 'src', 'commands', 'registry.ts'), 'utf8');
const registered = [...registry.matchAll(/'(migrationGuard\.[A-Za-z]+)':/g)].map((m) => m[1]).sort();
const ITEM_ONLY = ['migrationGuard.upgradeToHere', 'migrationGuard.downgradeToHere'];

test('every registered command is contributed with the category and a codicon, and vice versa', () => {
  const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, registered);
  assert.equal(registered.length, 19);
  for (const c of contributes.commands) {
    assert.equal(c.category, 'Migration Guard', c.command);
    assert.match(c.icon, /^\$\([a-z-]+\)$/, c.command);
    assert.match(c.command, /^migrationGuard\.[a-z][A-Za-z]+$/);
  }
  const titles = contributes.commands.map((c: { title: string }) => c.title);
  for (const t of [
    'Create Migration',
    'Upgrade to Head',
    'Upgrade to Here',
    'Upgrade to…',
    'Downgrade One',
    'Downgrade to Here',
    'Downgrade to…',
    'Show SQL',
    'Dry Run',
    'Test Round Trip',
    'Stamp',
    'Set Database URL',
    'Refresh',
    'Show Output',
    'Merge Heads',
    'Show Rule Documentation',
  ]) {
    assert.ok(
      titles.some((title: string) => title === t || title.startsWith(`${t} (`)),
      t,
    );
  }
});

test('searching the palette for what Flask and Alembic users type finds the commands', () => {
  const palette = new Map(contributes.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
  const offered = contributes.commands
    .filter((c: { command: string }) => palette.get(c.command) !== 'false')
    .map((c: { category: string; title: string }) => `${c.category}: ${c.title}`.toLowerCase());
  for (const word of ['alembic', 'flask db', 'migrate', 'upgrade', 'downgrade']) {
    assert.ok(
      offered.some((t: string) => t.includes(word)),
      `no palette command says "${word}"`,
    );
  }
});

test('item-only commands are hidden from the palette and shown on the right revision states', () => {
  const palette = new Map(contributes.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
  for (const id of ITEM_ONLY) assert.equal(palette.get(id), 'false', id);
  const item = contributes.menus['view/item/context'] as { command: string; when: string }[];
  const whenOf = (id: string) => item.filter((m) => m.command === id).map((m) => m.when);
  for (const w of whenOf('migrationGuard.upgradeToHere')) assert.match(w, /revision\\\\?\.pending/);
  for (const w of whenOf('migrationGuard.downgradeToHere')) assert.match(w, /revision\\\\?\.applied/);
  const known = new Set(registered);
  for (const menu of Object.values(contributes.menus) as { command: string }[][]) for (const m of menu) assert.ok(known.has(m.command), m.command);
});

test('views, welcome content and the activity bar icon exist', () => {
  assert.deepEqual(
    contributes.viewsContainers.activitybar.map((c: { id: string; title: string }) => [c.id, c.title]),
    [['migrationGuard', 'Migration Guard']],
  );
  const views = contributes.views.migrationGuard.map((v: { id: string }) => v.id);
  assert.deepEqual(views, ['migrationGuard.migrations', 'migrationGuard.schema', 'migrationGuard.database']);
  for (const w of contributes.viewsWelcome) assert.ok(views.includes(w.view), w.view);
  const welcome = contributes.viewsWelcome.map((w: { contents: string }) => w.contents).join('\n');
  assert.match(welcome, /No Alembic project found/);
  assert.match(welcome, /No database configured[\s\S]*\[Set Database URL\]\(command:migrationGuard\.setDatabaseUrl\)/);
  for (const icon of [contributes.viewsContainers.activitybar[0].icon, pkg.icon]) assert.ok(existsSync(join(ROOT, icon)), icon);
});

test('every setting has the prefix, a scope and a markdownDescription', () => {
  const props = contributes.configuration.properties as Record<string, { scope?: string; markdownDescription?: string }>;
  for (const name of ['databaseUrl', 'migrationsDirectory', 'modelGlobs', 'lockTimeout', 'backupBeforeDestructive', 'executor', 'pythonPath', 'trace.server']) {
    assert.ok(props[`migrationGuard.${name}`], name);
  }
  for (const [name, p] of Object.entries(props)) {
    assert.match(name, /^migrationGuard\./);
    assert.ok(p.scope, `${name} scope`);
    assert.ok((p.markdownDescription ?? '').length > 20, `${name} markdownDescription`);
  }
  assert.deepEqual((props['migrationGuard.executor'] as { enum: string[] }).enum.sort(), ['alembic', 'auto', 'native']);
});

test('activation is light, trust is limited with the risky settings restricted, the grammar is contributed', () => {
  assert.deepEqual(pkg.activationEvents, ['workspaceContains:**/alembic.ini', 'workspaceContains:**/migrations/env.py', 'onLanguage:python']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), [
    'migrationGuard.databaseUrl',
    'migrationGuard.executor',
    'migrationGuard.pythonPath',
  ]);
  const [grammar] = contributes.grammars;
  assert.deepEqual(grammar.injectTo, ['source.python']);
  const file = JSON.parse(readFileSync(join(ROOT, grammar.path), 'utf8'));
  assert.equal(file.scopeName, grammar.scopeName);
  assert.match(pkg.scripts.package, /vsce package/);
});

test('the Getting Started walkthrough: every step has a button that runs a known command, and its media exists', () => {
  const [walkthrough] = contributes.walkthroughs as {
    id: string;
    steps: { id: string; title: string; description: string; media: { markdown?: string; image?: string } }[];
  }[];
  assert.ok(walkthrough);
  assert.equal(walkthrough.id, 'gettingStarted');
  const known = new Set([...registered, 'migrationGuard.migrations.focus', 'workbench.action.quickOpen']);
  const text = walkthrough.steps.map((s) => `${s.title}\n${s.description}`).join('\n');
  for (const topic of [/What Migration Guard does/, /project and its database/, /Set Database URL/, /Flow 1/, /Flow 2/, /Flow 3/]) assert.match(text, topic);
  for (const step of walkthrough.steps) {
    const buttons = [...step.description.matchAll(/^\[[^\]]+\]\(command:([A-Za-z.]+)/gm)].map((m) => m[1]);
    assert.ok(buttons.length > 0, `step ${step.id} has a button (a command link on its own line)`);
    for (const b of buttons) assert.ok(known.has(b), `step ${step.id}: ${b} is a known command`);
    const media = step.media.markdown ?? step.media.image;
    assert.ok(media && existsSync(join(ROOT, media)), `${step.id}: ${media}`);
  }
});
