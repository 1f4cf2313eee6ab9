// The folders Python's `site` module adds to sys.path beyond an environment's site-packages, read
// without running Python:
// - `.pth` files in a site-packages folder: each plain line is a folder (relative to that site-packages);
//   this is how `pip install -e` (older setuptools, `*.egg-link` era) and `easy-install.pth` work;
// - setuptools' newer editable installs, whose `.pth` runs `import __editable___<name>_finder`: that
//   module's literal MAPPING ({'pkg': '/path/to/src/pkg'}) names where each package really is;
// - `include-system-site-packages = true` in pyvenv.cfg: the base interpreter's site-packages too.
// Lines that run other code are never evaluated; what they would add is simply not searched.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A site-packages folder rarely holds more; a folder with thousands of `.pth` files is not read past this. */
const MAX_PTH_FILES = 64;
const MAX_PTH_BYTES = 64 * 1024;

/** Whether a path is a folder (false when it is missing or unreadable). */
export function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function smallText(file: string): string | null {
  try {
    return statSync(file).size <= MAX_PTH_BYTES ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** The folders holding the packages a setuptools editable finder maps (`'pkg': '/src/pkg'` gives `/src`). */
function finderFolders(siteDir: string, finderModule: string): string[] {
  const text = smallText(path.join(siteDir, `${finderModule}.py`));
  const mapping = text?.match(/^MAPPING\b[^=\n]*=\s*\{([^}]*)\}/m)?.[1];
  if (!mapping) return [];
  const folders: string[] = [];
  for (const entry of mapping.matchAll(/(['"])([A-Za-z_][\w.]*)\1\s*:\s*(['"])((?:(?!\3)[^\\\n]|\\.)*)\3/g)) {
    const target = (entry[4] as string).replace(/\\\\/g, '\\');
    // A mapped package is a folder (its parent is the search folder); a mapped module is a file.
    const parent = path.dirname(target);
    if (isDir(target) || isDir(parent)) folders.push(parent);
  }
  return folders;
}

/** The extra folders named by the `.pth` files of one site-packages folder, in Python's order (file names sorted). */
export function pthFolders(siteDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(siteDir)
      .filter((n) => n.endsWith('.pth'))
      .sort()
      .slice(0, MAX_PTH_FILES);
  } catch {
    return [];
  }
  const folders: string[] = [];
  for (const name of names) {
    const text = smallText(path.join(siteDir, name));
    if (text === null) continue;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (/^import[ \t]/.test(line)) {
        const finder = line.match(/^import[ \t]+(__editable___\w+_finder)\b/)?.[1];
        if (finder) folders.push(...finderFolders(siteDir, finder));
        continue;
      }
      const folder = path.resolve(siteDir, line);
      if (isDir(folder)) folders.push(folder);
    }
  }
  return folders;
}

/**
 * With `include-system-site-packages = true` in an environment's pyvenv.cfg, the prefix of its base
 * interpreter (`home` is that interpreter's bin folder), whose site-packages Python also searches.
 */
export function systemSitePrefixes(envDir: string): string[] {
  const cfg = smallText(path.join(envDir, 'pyvenv.cfg'));
  if (!cfg || !/^\s*include-system-site-packages\s*=\s*true\s*$/im.test(cfg)) return [];
  const home = cfg.match(/^\s*home\s*=\s*(.+?)\s*$/im)?.[1];
  if (!home) return [];
  const prefix = ['bin', 'Scripts'].includes(path.basename(home)) ? path.dirname(home) : home;
  // Debian's Python also reads /usr/local's dist-packages, where `sudo pip install` puts packages.
  return prefix === '/usr' ? [prefix, '/usr/local'] : [prefix];
}
