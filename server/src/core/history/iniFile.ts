// Reads alembic.ini the way Python's configparser does for the keys that matter here:
// sections, `key = value` / `key: value`, indented continuation lines, comments, and
// %(name)s interpolation with Alembic's extra `here` (the ini file's directory).

export interface IniSection {
  /** Raw (uninterpolated) values by lower-cased key. */
  values: Map<string, string>;
  /** 0-based line of each key, for notes. */
  lines: Map<string, number>;
}

export type IniFile = Map<string, IniSection>;

export function parseIni(text: string): IniFile {
  const sections: IniFile = new Map();
  let current: IniSection | null = null;
  let lastKey: string | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (/^\s*[#;]/.test(line) || line.trim() === '') {
      // A blank line ends a multi-line value in practice; comments are skipped.
      if (line.trim() === '') lastKey = null;
      return;
    }
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = (header[1] as string).trim();
      current = sections.get(name) ?? { values: new Map(), lines: new Map() };
      sections.set(name, current);
      lastKey = null;
      return;
    }
    if (!current) return;
    if (/^\s/.test(line) && lastKey !== null) {
      const previous = current.values.get(lastKey) ?? '';
      current.values.set(lastKey, previous === '' ? line.trim() : `${previous}\n${line.trim()}`);
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!pair) return;
    lastKey = (pair[1] as string).trim().toLowerCase();
    // configparser keeps inline '#' text as part of the value (Alembic sets no inline comment prefixes).
    current.values.set(lastKey, (pair[2] as string).trim());
    current.lines.set(lastKey, index);
  });
  return sections;
}

/** A value with %(name)s references expanded from the same section and `defaults`; null when absent. */
export function iniValue(ini: IniFile, section: string, key: string, defaults: Record<string, string>): string | null {
  const values = ini.get(section)?.values;
  const raw = values?.get(key.toLowerCase());
  if (raw === undefined) return null;
  const expand = (value: string, depth: number): string =>
    value.replace(/%(%|\(([^)]+)\)s)/g, (_m, whole: string, name: string | undefined) => {
      if (whole === '%') return '%';
      const ref = (name ?? '').toLowerCase();
      const found = values?.get(ref) ?? defaults[ref];
      if (found === undefined || depth > 10) return `%(${name})s`;
      return expand(found, depth + 1);
    });
  return expand(raw, 0);
}

export function iniLine(ini: IniFile, section: string, key: string): number {
  return ini.get(section)?.lines.get(key.toLowerCase()) ?? 0;
}
