// The user's language for the server and the CLI. Messages go through `l10n.t` from @vscode/l10n (the
// same calls VS Code's own extraction tool reads); this module picks the locale, loads its bundle from
// the extension's `l10n/` folder, and formats numbers and dates the way that locale writes them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';

/** The languages whose bundles ship (English is the source text and needs none). */
export const SHIPPED_LOCALES = ['en', 'es'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

let current: ShippedLocale = 'en';

/**
 * `es_ES.UTF-8`, `es-MX`, `es` → `es`; `C`, `POSIX`, empty or a language without a bundle → `en`.
 */
export function normalizeLocale(raw: string | undefined | null): ShippedLocale {
  const tag = (raw ?? '').trim().split(/[.@]/)[0]?.toLowerCase().replace('_', '-') ?? '';
  const language = tag.split('-')[0] ?? '';
  return (SHIPPED_LOCALES as readonly string[]).includes(language) ? (language as ShippedLocale) : 'en';
}

/** The CLI's language: `--lang`, else the first of LC_ALL, LC_MESSAGES, LANG that is set (as gettext reads them). */
export function localeFromEnvironment(explicit: string | undefined, env: NodeJS.ProcessEnv): ShippedLocale {
  if (explicit) return normalizeLocale(explicit);
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value) return normalizeLocale(value);
  }
  return 'en';
}

/** Where the bundles are: `l10n/` at the extension root, beside `dist/` (bundled) or above `server/src/core` (tests). */
function bundleDirectory(): string | undefined {
  for (const candidate of [path.join(__dirname, '..', 'l10n'), path.join(__dirname, '..', '..', '..', 'l10n')]) {
    if (existsSync(path.join(candidate, 'bundle.l10n.json'))) return candidate;
  }
  return undefined;
}

export function bundlePath(locale: ShippedLocale, directory = bundleDirectory()): string | undefined {
  if (locale === 'en' || !directory) return undefined;
  const file = path.join(directory, `bundle.l10n.${locale}.json`);
  return existsSync(file) ? file : undefined;
}

/** Switches every later `l10n.t` to `locale` (English when its bundle is missing). */
export function useLocale(locale: string | undefined | null): ShippedLocale {
  const wanted = normalizeLocale(locale);
  const file = bundlePath(wanted);
  if (file) {
    l10n.config({ contents: JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> });
    current = wanted;
  } else {
    l10n.config({ contents: {} });
    current = 'en';
  }
  return current;
}

export function currentLocale(): ShippedLocale {
  return current;
}

/** 1,204 in English, 1204 / 12.040 in Spanish: as the user's locale writes it. */
const numberFormats = new Map<ShippedLocale, Intl.NumberFormat>();
export function formatNumber(value: number): string {
  // Made once per locale: a NumberFormat costs far more to make than to use (findings format counts on every keystroke).
  let format = numberFormats.get(current);
  if (!format) numberFormats.set(current, (format = new Intl.NumberFormat(current)));
  return format.format(value);
}

export function formatDateTime(value: Date): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(value);
}
