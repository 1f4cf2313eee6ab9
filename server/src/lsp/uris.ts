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
