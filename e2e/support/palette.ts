// Command palette and quick input helpers. Each step waits for what it needs, up to the page's deadline.
import type { Locator, Page } from 'playwright-core';

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/**
 * Opens the command palette, picks the command whose label is exactly `label`, and runs it. The palette lists
 * the commands known when it opens, so while an extension is still registering its commands, reopen it.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const widget = quickInput(page);
  // The label, whole or followed by its " (flask db …)" gloss.
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}( \\(.*\\))?$`) }) })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      // The palette can close again right after it opens (in a clean-clone run its input went hidden and
      // the fill waited 30 s on it): each step gets a short wait, and the palette is opened again.
      const step = Math.max(1_000, Math.min(5_000, deadline - Date.now()));
      await widget.waitFor({ state: 'visible', timeout: step });
      await widget.locator('input.input').fill(`>${label}`, { timeout: step });
      const wait = Math.max(1_000, Math.min(attempt * 1_000, deadline - Date.now()));
      await row.waitFor({ state: 'visible', timeout: wait });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`command "${label}" is not in the palette after ${timeoutMs} ms`, { cause: error });
    }
  }
  await row.click();
}

/**
 * Runs a palette command that opens a quick pick, and waits for that pick (`shown`). In a run at load
 * the palette's row click was once lost (the palette closed, the command never ran, nothing showed):
 * then the command is run again, up to three times.
 */
export async function runCommandShowing(page: Page, label: string, shown: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await runCommand(page, label);
    try {
      await shown.waitFor({ state: 'visible', timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw new Error(`"${label}" showed nothing after ${attempt} runs`, { cause: error });
    }
  }
}

/** Types into the open input box (e.g. a prompt a command shows) and accepts it. */
export async function answerInputBox(page: Page, text: string, expectPrompt?: RegExp): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  if (expectPrompt) await widget.getByText(expectPrompt).first().waitFor({ state: 'visible' });
  const input = widget.locator('input.input');
  await input.fill(text);
  await input.press('Enter');
}

/** Picks the quick pick item whose label contains `label`. */
export async function pickQuickItem(page: Page, label: string | RegExp): Promise<void> {
  const widget = quickInput(page);
  const row = widget.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Opens a workspace file through Quick Open and waits for its editor tab to be active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const widget = quickInput(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await widget.waitFor({ state: 'visible' });
  await widget.locator('input.input').fill(relativePath);
  const base = relativePath.split('/').pop() ?? relativePath;
  const row = widget.locator('.quick-input-list .monaco-list-row').filter({ hasText: base }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${base}"]`).waitFor({ state: 'visible' });
}

/** The toast whose message matches, once it shows. */
export async function waitForNotification(page: Page, message: string | RegExp): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: message }).first();
  await toast.waitFor({ state: 'visible' });
  return toast;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The command labels the palette lists for `query`, once a row matching `waitFor` shows (so the list is
 * known to be populated before anything is concluded from a command's absence).
 */
export async function paletteLabels(page: Page, query: string, waitFor: RegExp): Promise<string[]> {
  const widget = quickInput(page);
  const rows = widget.locator('.quick-input-list .monaco-list-row .label-name');
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input.input').fill(`>${query}`);
    try {
      await rows.filter({ hasText: waitFor }).first().waitFor({ state: 'visible', timeout: 2_000 });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`no palette entry matches ${waitFor} for "${query}"`, { cause: error });
    }
  }
  const labels = await rows.allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim());
}
