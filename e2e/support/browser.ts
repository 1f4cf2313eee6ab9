// Debian's Chromium, driven by playwright-core, showing a code-server workbench.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM } from './paths';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Saves `e2e-artifacts/<suite>/<nn>-<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Runs a test body; when it throws, saves a `failed-<name>` screenshot and prints the diagnostics first. */
  step<T>(name: string, body: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** `diagnostics` gives text (e.g. the extension's log) to print when a step fails. */
export async function openWorkbench(url: string, suite: string, diagnostics?: () => string): Promise<Workbench> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const dir = join(ARTIFACTS_DIR, suite);
  rmSync(dir, { recursive: true, force: true }); // screenshots of an earlier run would mislead
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const screenshot = async (name: string): Promise<string> => {
    count += 1;
    const file = join(dir, `${String(count).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  await page.goto(url);
  // The workbench is usable once its parts are laid out and the status bar shows.
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 90_000 });
  await page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.sidebar').first().waitFor({ state: 'visible' });
  return {
    browser,
    page,
    screenshot,
    async step(name, body) {
      try {
        return await body();
      } catch (error) {
        await screenshot(`failed-${name}`).catch(() => undefined);
        if (diagnostics) console.log(`--- diagnostics after "${name}" failed ---\n${diagnostics()}`);
        throw error;
      }
    },
    async close() {
      await browser.close();
    },
  };
}
