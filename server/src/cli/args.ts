// Minimal argument parsing shared by every CLI verb: positionals, --flag, --flag value, --flag=value, repeated flags.
import * as l10n from '@vscode/l10n';

export interface ParsedArgs {
  positionals: string[];
  /** Each flag's values in order; a bare flag has the value "true". */
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    const short = /^-([a-zA-Z])$/.exec(arg);
    const name = long?.[1] ?? short?.[1];
    if (name === undefined) {
      positionals.push(arg);
      continue;
    }
    if (long?.[2] !== undefined) add(name, long[2]);
    else if (booleanFlags.has(name)) add(name, 'true');
    else {
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError(l10n.t('{0} needs a value', `--${name}`));

      add(name, value);
      i++;
    }
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  return values?.[values.length - 1];
}

export function flagList(args: ParsedArgs, name: string): string[] {
  return args.flags.get(name) ?? [];
}

/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
