// The "Migration Guard" output channel. Everything written to it, by us or by the language client,
// passes through redactSecrets first, so a connection string's password never reaches the screen.
import * as vscode from 'vscode';
import { redactSecrets } from '../../server/src/core/redact';

function mask(message: string, args: unknown[]): [string, ...unknown[]] {
  return [redactSecrets(message), ...args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a))];
}

/** A LogOutputChannel that masks passwords in every message, including those the language client logs. */
export class RedactingChannel implements vscode.LogOutputChannel {
  constructor(private readonly inner: vscode.LogOutputChannel) {}

  get name(): string {
    return this.inner.name;
  }
  get logLevel(): vscode.LogLevel {
    return this.inner.logLevel;
  }
  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.inner.onDidChangeLogLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    this.inner.trace(...mask(message, args));
  }
  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(...mask(message, args));
  }
  info(message: string, ...args: unknown[]): void {
    this.inner.info(...mask(message, args));
  }
  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(...mask(message, args));
  }
  error(error: string | Error, ...args: unknown[]): void {
    const text = typeof error === 'string' ? error : (error.stack ?? error.message);
    this.inner.error(...mask(text, args));
  }
  append(value: string): void {
    this.inner.append(redactSecrets(value));
  }
  appendLine(value: string): void {
    this.inner.appendLine(redactSecrets(value));
  }
  replace(value: string): void {
    this.inner.replace(redactSecrets(value));
  }
  clear(): void {
    this.inner.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    if (typeof a === 'boolean' || a === undefined) this.inner.show(a);
    else this.inner.show(a, b);
  }
  hide(): void {
    this.inner.hide();
  }
  dispose(): void {
    this.inner.dispose();
  }
}

export function createOutput(): RedactingChannel {
  return new RedactingChannel(vscode.window.createOutputChannel('Migration Guard', { log: true }));
}
