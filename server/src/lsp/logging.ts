// A stdio language server owns stdout: one stray console.log corrupts the JSON-RPC stream.
// Everything the process prints goes to the client's output channel instead.
import type { Connection } from 'vscode-languageserver';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

function format(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? describe(a) : safeJson(a))).join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Routes console.* (ours and any library's) to `connection.console`, and returns a logger over it. */
export function routeConsole(connection: Connection): Logger {
  const remote = connection.console;
  /* eslint-disable no-console -- replacing console.* is the point: nothing may reach stdout */
  console.log = (...args: unknown[]) => remote.log(format(args));
  console.info = (...args: unknown[]) => remote.info(format(args));
  console.debug = (...args: unknown[]) => remote.log(format(args));
  console.warn = (...args: unknown[]) => remote.warn(format(args));
  console.error = (...args: unknown[]) => remote.error(format(args));
  /* eslint-enable no-console */
  return {
    info: (message) => remote.info(message),
    warn: (message) => remote.warn(message),
    error: (message, error) => remote.error(error === undefined ? message : `${message}: ${describe(error)}`),
  };
}
