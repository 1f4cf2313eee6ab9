// Missing translations cannot ship unnoticed: the extracted English bundle is current, every key has a
// Spanish entry, no bundle keeps keys the code no longer uses, and placeholders agree between languages.
// The manifest's package.nls.json / package.nls.es.json get the same checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
type Bundle = Record<string, string | { message: string; comment: string[] }>;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function messageOf(value: Bundle[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/** `{0}`, `{count}`: what the code fills in; both languages must have the same set. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{[A-Za-z0-9_]+\}/g)].map((m) => m[0]).sort();
}

function compareBundles(english: Record<string, string>, spanish: Record<string, string>, what: string) {
  const missing = Object.keys(english).filter((k) => !(k in spanish));
  const extra = Object.keys(spanish).filter((k) => !(k in english));
  assert.deepEqual(missing, [], `${what}: keys without a Spanish entry`);
  assert.deepEqual(extra, [], `${what}: Spanish keys the English bundle no longer has`);
  const mismatched = Object.keys(english).filter((k) => placeholders(english[k] as string).join() !== placeholders(spanish[k] as string).join());
  assert.deepEqual(mismatched, [], `${what}: placeholders differ between English and Spanish`);
  const empty = Object.keys(spanish).filter((k) => (spanish[k] as string).trim() === '');
  assert.deepEqual(empty, [], `${what}: empty Spanish entries`);
}

test('the checked-in English bundle is what the code asks for (npm run l10n regenerates it)', () => {
  const out = mkdtempSync(join(tmpdir(), 'mg-l10n-'));
  try {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'l10n.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const extracted = readJson<Bundle>(join(out, 'bundle.l10n.json'));
    const checkedIn = readJson<Bundle>(join(ROOT, 'l10n', 'bundle.l10n.json'));
    assert.deepEqual(checkedIn, extracted, 'l10n/bundle.l10n.json is stale: run `npm run l10n`');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the Spanish bundle is complete, has no stale keys, and keeps every placeholder', () => {
  const english = readJson<Bundle>(join(ROOT, 'l10n', 'bundle.l10n.json'));
  const spanish = readJson<Record<string, string>>(join(ROOT, 'l10n', 'bundle.l10n.es.json'));
  const englishMessages = Object.fromEntries(Object.entries(english).map(([k, v]) => [k, messageOf(v)]));
  compareBundles(englishMessages, spanish, 'l10n/bundle.l10n.es.json');
});

test('the CLI picks --lang, else LC_ALL, LC_MESSAGES, LANG; unknown languages fall back to English', async () => {
  const { localeFromEnvironment, normalizeLocale } = await import('../src/core/locale');
  assert.equal(normalizeLocale('es_ES.UTF-8'), 'es');
  assert.equal(normalizeLocale('es-MX'), 'es');
  assert.equal(normalizeLocale('C'), 'en');
  assert.equal(normalizeLocale('fr_FR.UTF-8'), 'en');
  assert.equal(localeFromEnvironment('es', { LANG: 'en_US.UTF-8' }), 'es');
  assert.equal(localeFromEnvironment(undefined, { LC_ALL: 'es_AR.UTF-8', LANG: 'en_US.UTF-8' }), 'es');
  assert.equal(localeFromEnvironment(undefined, { LC_MESSAGES: 'es_ES', LANG: 'en_US' }), 'es');
  assert.equal(localeFromEnvironment(undefined, { LANG: 'es_ES.UTF-8' }), 'es');
  assert.equal(localeFromEnvironment(undefined, {}), 'en');
});

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every string value of the manifest's user-facing fields, with where it stands. */
function manifestTexts(manifest: { [key: string]: Json }): Array<[string, string]> {
  const texts: Array<[string, string]> = [];
  const userFacing = new Set([
    'title',
    'category',
    'shortTitle',
    'name',
    'contextualTitle',
    'contents',
    'description',
    'markdownDescription',
    'enumDescriptions',
    'markdownEnumDescriptions',
    'deprecationMessage',
    'markdownDeprecationMessage',
    'altText',
    'displayName',
    'markdown',
  ]);
  const walk = (value: Json, where: string, key: string) => {
    if (typeof value === 'string') {
      if (userFacing.has(key)) texts.push([where, value]);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}[${i}]`, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`, k);
  };
  for (const key of ['displayName', 'description']) walk(manifest[key] as Json, key, key);
  for (const key of ['contributes', 'capabilities']) walk(manifest[key] as Json, key, '');
  return texts;
}

test('the manifest: every user-facing string is a %key% of package.nls.json, and Spanish has them all', () => {
  const manifest = readJson<{ [key: string]: Json }>(join(ROOT, 'package.json'));
  const english = readJson<Record<string, string>>(join(ROOT, 'package.nls.json'));
  const spanish = readJson<Record<string, string>>(join(ROOT, 'package.nls.es.json'));
  const texts = manifestTexts(manifest).filter(([where]) => !where.includes('.grammars'));
  const literal = texts.filter(([, value]) => !/^%[\w.-]+%$/.test(value)).map(([where, value]) => `${where}: ${value}`);
  assert.deepEqual(literal, [], 'write these as %key% and add the key to package.nls.json and package.nls.es.json');
  const used = new Set(texts.map(([, value]) => value.slice(1, -1)));
  assert.deepEqual(
    [...used].filter((k) => !(k in english)),
    [],
    'keys package.json uses that package.nls.json lacks',
  );
  assert.deepEqual(
    Object.keys(english).filter((k) => !used.has(k)),
    [],
    'package.nls.json keys that package.json no longer uses',
  );
  compareBundles(english, spanish, 'package.nls.es.json');
  // Localized walkthrough pages are files: each language's must exist.
  for (const bundle of [english, spanish]) {
    for (const [key, value] of Object.entries(bundle)) if (key.endsWith('.media')) assert.ok(existsSync(join(ROOT, value)), `${key}: ${value} is missing`);
  }
});

test('in Spanish the palette still finds the commands by the words users know', () => {
  const spanish = readJson<Record<string, string>>(join(ROOT, 'package.nls.es.json'));
  const titles = Object.entries(spanish)
    .filter(([key]) => key.startsWith('command.') && key.endsWith('.title'))
    .map(([, title]) => title.toLowerCase());
  for (const word of ['alembic', 'flask db migrate', 'flask db upgrade', 'flask db downgrade', 'migración', 'actualizar', 'revertir']) {
    assert.ok(
      titles.some((title) => title.includes(word)),
      `no Spanish command title says "${word}"`,
    );
  }
});

test('Spanish is used once chosen: messages, and numbers as Spanish writes them', async () => {
  const { useLocale, formatNumber } = await import('../src/core/locale');
  const l10n = await import('@vscode/l10n');
  const { statusText } = await import('../../client/src/model/statusText');
  try {
    assert.equal(useLocale('es-ES'), 'es');
    assert.equal(l10n.t('Show Output'), 'Mostrar la salida');
    assert.equal(formatNumber(12040), '12.040');
    const s = statusText({ projectName: 'shop', current: null, unappliedRevisions: null, pendingChanges: 2, findings: 0, databaseLabel: null });
    assert.match(s.tooltip, /No hay ninguna base de datos configurada/);
    assert.match(s.accessibilityLabel, /2 cambios pendientes/);
  } finally {
    useLocale('en');
  }
  assert.equal(l10n.t('Show Output'), 'Show Output');
  assert.equal(formatNumber(12040), '12,040');
});
