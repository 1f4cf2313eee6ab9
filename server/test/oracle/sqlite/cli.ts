// Runs a CLI verb in-process and collects its output.
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';

export async function runCli(command: CliCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const args = parseArgs(argv, new Set(['help', ...(command.booleanFlags ?? [])]));
  const code = await command.run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}
