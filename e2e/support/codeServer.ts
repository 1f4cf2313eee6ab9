// Starts code-server (VS Code 1.100.3 for the browser) from the cache, with its own user data and extensions.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY } from './paths';
import { scratchDir } from './scratch';
import { writeLanguagePackVsix } from './vsix';
import { waitUntil } from './wait';

/** User settings for a quiet, predictable workbench. Trust prompts are off unless a test turns them on. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'migrationGuard.showWalkthroughOnFirstRun': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServerOptions {
  /** The folder to open. */
  folder: string;
  /** Extra user settings, merged over QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** A directory for user data, extensions and logs; a fresh temp dir when absent. */
  home?: string;
  /** VS Code's display language (`--locale`), e.g. 'es'; English when absent. */
  locale?: string;
}

export interface CodeServer {
  url: string;
  home: string;
  extensionsDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** The extension host's logs and the named extensions' log channels (e.g. "Migration Guard"), newest session. */
  logs(channels: string[]): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function dirs(home: string) {
  return { userData: join(home, 'user-data'), extensions: join(home, 'extensions'), config: join(home, 'config.yaml') };
}

/** Installs a .vsix into the extensions dir the server under `home` will use. Throws with code-server's output on failure. */
export function installExtension(home: string, vsixPath: string): string {
  const d = dirs(home);
  mkdirSync(d.extensions, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--config', d.config, '--user-data-dir', d.userData, '--extensions-dir', d.extensions, '--force', '--install-extension', vsixPath],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

/**
 * Installs a display language for the server under `home` (see writeLanguagePackVsix) and registers it
 * in `languagepacks.json`, as VS Code's language pack service does when it installs one from the UI
 * (`--install-extension` leaves that file alone). Start the server with `locale` set to use it.
 */
export function installDisplayLanguage(home: string, languageId: string, languageName: string): void {
  const d = dirs(home);
  const name = `e2e-language-pack-${languageId}`;
  const vsix = join(home, `${name}.vsix`);
  writeLanguagePackVsix(vsix, languageId, languageName);
  installExtension(home, vsix);
  const folder = readdirSync(d.extensions).find((entry) => entry.startsWith(`mg-e2e.${name}-`));
  if (!folder) throw new Error(`the ${languageName} language pack is not in ${d.extensions} after --install-extension`);
  const translations = join(d.extensions, folder, 'translations', 'main.i18n.json');
  const id = `mg-e2e.${name}`;
  const packs = {
    [languageId]: {
      hash: createHash('md5').update(`${id}@0.0.1`).digest('hex'),
      extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
      translations: { vscode: translations },
      label: languageName,
    },
  };
  mkdirSync(d.userData, { recursive: true });
  writeFileSync(join(d.userData, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

export function newHome(label: string): string {
  return scratchDir(label);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const home = options.home ?? newHome('server');
  const d = dirs(home);
  mkdirSync(join(d.userData, 'User'), { recursive: true });
  writeFileSync(join(d.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    d.config,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    d.userData,
    '--extensions-dir',
    d.extensions,
    ...(options.locale ? ['--locale', options.locale] : []),
    options.folder,
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntil(
      `code-server to answer on ${url}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
        const response = await fetch(`${url}healthz`);
        return response.ok;
      },
      60_000,
    );
  } catch (error) {
    killGroup(child);
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output}`, { cause: error });
  }
  return {
    url,
    home,
    extensionsDir: d.extensions,
    output: () => output,
    logs: (channels) => readLogs(d.userData, channels),
    async stop() {
      if (child.exitCode !== null) return;
      killGroup(child);
      await exited;
    },
  };
}

/** code-server forks an extension host and other helpers; end the whole process group we started. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

function readLogs(userData: string, channels: string[]): string {
  const root = join(userData, 'logs');
  if (!existsSync(root)) return '(no logs)';
  const wanted = new Set(['remoteexthost.log', ...channels.map((c) => `${c}.log`)]);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (wanted.has(entry.name)) found.push(`--- ${path.slice(root.length + 1)} ---\n${readFileSync(path, 'utf8')}`);
    }
  };
  walk(root);
  return found.join('\n') || '(no matching logs)';
}
