// file: URIs ↔ paths. The engine works on paths; LSP speaks URIs.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** A project's id for the client: its root's URI, plus `#SECTION` for an alembic.ini section other than [alembic]. */
export function projectUri(location: { root: string; iniSection?: string }): string {
  return location.iniSection === undefined ? pathToUri(location.root) : `${pathToUri(location.root)}#${encodeURIComponent(location.iniSection)}`;
}

/** The alembic.ini section a project id names (its fragment); undefined: the default [alembic]. */
export function sectionOfUri(uri: string): string | undefined {
  const hash = uri.indexOf('#');
  if (hash < 0 || hash === uri.length - 1) return undefined;
  try {
    return decodeURIComponent(uri.slice(hash + 1));
  } catch {
    return undefined;
  }
}
