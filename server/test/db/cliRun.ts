// Runs a CLI verb in-process with captured output, the way main.ts would (stderr redacted there too).
import { parseArgs } from '../../src/cli/args';
import type { CliCommand } from '../../src/cli/command';
import { redactSecrets } from '../../src/core/redact';

export interface CliOutput {
  code: number;
  out: string;
  err: string;
}

export async function runVerb(command: CliCommand, argv: string[]): Promise<CliOutput> {
  let out = '';
  let err = '';
  const args = parseArgs(argv, new Set(['help', ...(command.booleanFlags ?? [])]));
  let code: number;
  try {
    code = await command.run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${redactSecrets(t)}\n`) });
  } catch (error) {
    err += `${redactSecrets((error as Error).message)}\n`;
    code = 2;
  }
  return { code, out, err };
}
