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
  /** migrationGuard.pythonPath: the project's Python, for its site-packages. */
  pythonPath: string | undefined;
  /** python.defaultInterpreterPath, used when pythonPath is empty. */
  defaultInterpreterPath: string | undefined;
  /** Unless the client says the workspace is trusted, nothing outside a workspace folder is read. */
  trusted: boolean;
}

export const defaultSettings: EffectiveSettings = {
  debounceMs: DEFAULT_DEBOUNCE_MS,
  migrationsDirectory: undefined,
  modelGlobs: undefined,
  pythonPath: undefined,
  defaultInterpreterPath: undefined,
  trusted: false,
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

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
    pythonPath: 'pythonPath' in section ? text(section.pythonPath) : base.pythonPath,
    defaultInterpreterPath: 'defaultInterpreterPath' in section ? text(section.defaultInterpreterPath) : base.defaultInterpreterPath,
    trusted: typeof section.trusted === 'boolean' ? section.trusted : base.trusted,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce))) : base.debounceMs,
    migrationsDirectory: typeof section.migrationsDirectory === 'string' ? section.migrationsDirectory.trim() || undefined : base.migrationsDirectory,
    modelGlobs: Array.isArray(globs) ? nonEmpty(globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '')) : base.modelGlobs,
  };
}

/** The configured Python: migrationGuard.pythonPath, else python.defaultInterpreterPath. */
export function interpreterOf(settings: EffectiveSettings): string | undefined {
  return settings.pythonPath ?? settings.defaultInterpreterPath;
}

export function sameProjectLayout(a: EffectiveSettings, b: EffectiveSettings): boolean {
  return (
    a.migrationsDirectory === b.migrationsDirectory &&
    JSON.stringify(a.modelGlobs ?? null) === JSON.stringify(b.modelGlobs ?? null) &&
    interpreterOf(a) === interpreterOf(b) &&
    a.trusted === b.trusted
  );
}
