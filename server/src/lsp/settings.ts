// The server's view of the `migrationGuard.*` settings: from initializationOptions first, then
// workspace/configuration and didChangeConfiguration when the client offers them.
import type { ServerSettings } from '../protocol';

/** Small enough that keystroke → diagnostics stays well under 50 ms; the engine is incremental. */
export const DEFAULT_DEBOUNCE_MS = 5;
const MAX_DEBOUNCE_MS = 5000;

export interface EffectiveSettings {
  debounceMs: number;
  migrationsDirectory: string | undefined;
  modelGlobs: string[] | undefined;
}

export const defaultSettings: EffectiveSettings = { debounceMs: DEFAULT_DEBOUNCE_MS, migrationsDirectory: undefined, modelGlobs: undefined };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** Accepts either the section itself or an object holding `migrationGuard`; ignores wrong types. */
export function readSettings(raw: unknown, base: EffectiveSettings = defaultSettings): EffectiveSettings {
  const outer = record(raw);
  const section = record(
    'migrationGuard' in outer ? outer.migrationGuard : 'settings' in outer ? (record(outer.settings).migrationGuard ?? outer.settings) : outer,
  ) as ServerSettings & Record<string, unknown>;
  const debounce = section.debounceMs;
  const globs = section.modelGlobs;
  return {
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce))) : base.debounceMs,
    migrationsDirectory: typeof section.migrationsDirectory === 'string' ? section.migrationsDirectory.trim() || undefined : base.migrationsDirectory,
    modelGlobs: Array.isArray(globs) ? nonEmpty(globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '')) : base.modelGlobs,
  };
}

export function sameProjectLayout(a: EffectiveSettings, b: EffectiveSettings): boolean {
  return a.migrationsDirectory === b.migrationsDirectory && JSON.stringify(a.modelGlobs ?? null) === JSON.stringify(b.modelGlobs ?? null);
}
