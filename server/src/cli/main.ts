// migration-guard: the CLI over the same engine as the language server. Verbs mirror `flask db`.
import { flag, parseArgs, UsageError } from './args';
import { setProjectSection } from './section';
import { setProjectPython } from './python';
import { EXIT, type CliIO } from './command';
import { loadAllCommands, verbs } from './registry';
import { redactSecrets } from '../core/redact';
import { flushCaches, setCacheEnabled } from './cache';
import { localeFromEnvironment, useLocale } from '../core/locale';
import * as l10n from '@vscode/l10n';
import type { Reason } from '../core/reasons';

declare const MIGRATION_GUARD_VERSION: string | undefined;

const io: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(redactSecrets(text.endsWith('\n') ? text : `${text}\n`)),
};

/**
 * A `--format json` run that fails with nothing on stdout still prints JSON: `{"error": {message, reason}}`
 * (the reason when the verb gave one), so the extension words the error in the user's language.
 */
function jsonRun(): { io: CliIO; finish(code: number): void } {
  let printed = false;
  const errors: string[] = [];
  let reason: Reason | undefined;
  return {
    io: {
      out: (text) => {
        printed = true;
        io.out(text);
      },
      err: (text) => {
        errors.push(text.trimEnd());
        io.err(text);
      },
      reason: (why) => {
        reason = why;
      },
    },
    finish(code) {
      if (code !== EXIT.error || printed) return;
      io.out(JSON.stringify({ error: { message: redactSecrets(errors.join('\n')), ...(reason ? { reason } : {}) } }, null, 2));
    },
  };
}

function version(): string {
  return typeof MIGRATION_GUARD_VERSION === 'string' ? MIGRATION_GUARD_VERSION : 'dev';
}

/** The CLI's own words (each verb's usage line stays as typed: flags and metavariables). */
const TEXT = {
  get usage() {
    return l10n.t('Usage: migration-guard <verb> [DIR] [options]');
  },
  get verbs() {
    return l10n.t('Verbs:');
  },
  get common() {
    return l10n.t('Every verb takes DIR (default "."), --format text|json and --database-url URL.');
  },
  get noCache() {
    return l10n.t('parse every file again (no .migration-guard/cache/)');
  },
  get version() {
    return l10n.t('print the version');
  },
  get name() {
    return l10n.t('the alembic.ini section to use, as alembic --name (default: [alembic])');
  },
  get python() {
    return l10n.t("the project's Python (its site-packages hold the libraries the models derive from; default: VIRTUAL_ENV, then .venv or venv)");
  },
  get lang() {
    return l10n.t('the language of the text output: en or es (default: LC_ALL, LC_MESSAGES, LANG)');
  },
  verbUsage: (usage: string) => l10n.t('Usage: migration-guard {0}', usage),
  unknownVerb: (verb: string) => l10n.t('migration-guard: unknown verb "{0}"', verb),
  internal: (stack: string) => l10n.t('migration-guard: internal error: {0}', stack),
};

async function help(): Promise<string> {
  const commands = await loadAllCommands();
  const lines = commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`);
  return [
    TEXT.usage,
    '',
    TEXT.verbs,
    ...lines,
    '',
    TEXT.common,
    `  ${'--no-cache'.padEnd(58)} ${TEXT.noCache}`,
    `  ${'--name NAME'.padEnd(58)} ${TEXT.name}`,
    `  ${'--python PY'.padEnd(58)} ${TEXT.python}`,
    `  ${'--lang en|es'.padEnd(58)} ${TEXT.lang}`,
    `  ${'--version'.padEnd(58)} ${TEXT.version}`,
  ].join('\n');
}

/** Machine output (JSON, SARIF) is language-neutral: the whole run speaks English, whatever the locale. */
function machineFormat(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg === '--format' ? argv[i + 1] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (value === 'json' || value === 'sarif') return true;
  }
  return false;
}

/** Takes `--lang es` / `--lang=es` out of argv (any position) and returns it. */
function takeLangFlag(argv: string[]): { lang: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--lang') lang = argv[++i];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  return { lang, rest };
}

export async function main(rawArgv: string[]): Promise<number> {
  const { lang, rest: argv } = takeLangFlag(rawArgv);
  const json = isJsonRun(argv) ? jsonRun() : null;
  const code = await runVerb(argv, lang, json?.io ?? io);
  json?.finish(code);
  return code;
}

function isJsonRun(argv: readonly string[]): boolean {
  return argv.some((arg, i) => (arg === '--format' && argv[i + 1] === 'json') || arg === '--format=json');
}

async function runVerb(argv: string[], lang: string | undefined, io: CliIO): Promise<number> {
  useLocale(machineFormat(argv) ? 'en' : localeFromEnvironment(lang, process.env));
  const [verb, ...rest] = argv;
  if (verb === '--version' || verb === '-V') {
    io.out(version());
    return EXIT.ok;
  }
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.out(await help());
    return verb === undefined ? EXIT.error : EXIT.ok;
  }
  const entry = verbs.find((v) => v.name === verb);
  if (!entry) {
    io.err(`${TEXT.unknownVerb(verb)}\n\n${await help()}`);
    return EXIT.error;
  }
  const command = await entry.load();
  try {
    const args = parseArgs(rest, new Set(['help', 'no-cache', ...(command.booleanFlags ?? [])]));
    if (args.flags.has('help')) {
      io.out(`${TEXT.verbUsage(command.usage)}\n${command.summary}`);
      return EXIT.ok;
    }
    setCacheEnabled(!args.flags.has('no-cache'));
    setProjectSection(flag(args, 'name'));
    setProjectPython(flag(args, 'python'));
    const code = await command.run(args, io);
    flushCaches();
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`migration-guard ${verb}: ${error.message}\n${TEXT.verbUsage(command.usage)}`);
    } else {
      io.err(`migration-guard ${verb}: ${(error as Error).message ?? String(error)}`);
    }
    return EXIT.error;
  }
}

/**
 * Ends the process only once stdout and stderr have handed everything to the OS. `process.exit()`
 * right after a write drops whatever a full pipe has not taken yet (64 KiB on Linux), so
 * `sql DIR | psql` would run a truncated script. A reader that goes away early (`| head`) is not an error.
 */
function exitAfterDrain(code: number): void {
  process.exitCode = code;
  let open = 2;
  const finished = () => {
    open -= 1;
    // Exit explicitly: a driver's idle handle must not keep a finished CLI alive.
    if (open === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => undefined);
    stream.write('', finished);
  }
}

/** Runs this process's command line and exits (dist/cli.js calls it once the engine is loaded). */
export function runCli(): void {
  main(process.argv.slice(2)).then(exitAfterDrain, (error: unknown) => {
    io.err(TEXT.internal((error as Error)?.stack ?? String(error)));
    exitAfterDrain(EXIT.error);
  });
}

if (require.main === module) runCli();
