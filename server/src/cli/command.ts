// What every CLI verb provides. Verbs live one per file in ./commands and are listed in ./registry.ts.
import type { ParsedArgs } from './args';
import type { Reason } from '../core/reasons';

export type OutputFormat = 'text' | 'json';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Asks the user and returns the answer (null: no answer, take the default). Absent: the verb decides (a TTY, or nobody). */
  ask?(question: string): Promise<string | null>;
  /**
   * Why the verb is about to fail, as data (core/reasons.ts). In a `--format json` run that prints no
   * result, main.ts writes `{"error": {"message", "reason"}}` so the extension can word it in the user's language.
   */
  reason?(reason: Reason): void;
}

export interface CliCommand {
  name: string;
  /** One line for the help text, e.g. "schema DIR --from models|migrations|database [--revision REV]". */
  usage: string;
  summary: string;
  /** Flags that take no value. */
  booleanFlags?: string[];
  /** Returns the exit code: 0 success, 1 "changes pending" (check), 2 error. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, pending: 1, error: 2 } as const;
