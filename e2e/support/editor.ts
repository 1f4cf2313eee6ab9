// Editor helpers: go to a line, edit, save, and find where squiggles are drawn and what their hover says.
import type { Locator, Page } from 'playwright-core';
import { quickInput } from './palette';

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Moves the cursor to the start of a 1-based line with Go to Line. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  await widget.locator('input.input').fill(`:${line}`);
  await widget.locator('input.input').press('Enter');
  await widget.waitFor({ state: 'hidden' });
  await page
    .locator('.statusbar-item[id="status.editor.selection"]')
    .filter({ hasText: new RegExp(`Ln ${line}, Col 1\\b`) })
    .waitFor({ state: 'visible' });
}

/** Deletes the line under the cursor (Delete Line, Ctrl+Shift+K). */
export async function deleteCurrentLine(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+K');
}

/** Saves the active editor and waits for its tab to lose the dirty marker. */
export async function saveActiveEditor(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active:not(.dirty)').waitFor({ state: 'visible' });
}

export type Severity = 'error' | 'warning' | 'info';

export function squiggles(page: Page, severity: Severity): Locator {
  return activeEditor(page).locator(`.view-overlays .squiggly-${severity}`);
}

/** The 1-based line number drawn beside a squiggle (matched by vertical position in the gutter). */
export async function lineOfSquiggle(page: Page, squiggle: Locator): Promise<number> {
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle is not rendered');
  const numbers = activeEditor(page).locator('.margin-view-overlays .line-numbers');
  const count = await numbers.count();
  for (let i = 0; i < count; i += 1) {
    const candidate = numbers.nth(i);
    const lineBox = await candidate.boundingBox();
    if (lineBox && box.y + box.height / 2 >= lineBox.y && box.y + box.height / 2 < lineBox.y + lineBox.height) {
      return Number((await candidate.innerText()).trim());
    }
  }
  throw new Error(`no line number at y=${box.y}`);
}

/**
 * Hovers a squiggle and returns the hover widget once it shows text matching every `expected`.
 * The diagnostic's own text shows before the language server's hover arrives, so a test that reads
 * the server's part must name it here (under load it can come seconds later).
 */
export async function hoverSquiggle(page: Page, squiggle: Locator, ...expected: [string | RegExp, ...(string | RegExp)[]]): Promise<Locator> {
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle is not rendered');
  await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
  let hover = page.locator('.monaco-hover');
  for (const text of expected) hover = hover.filter({ hasText: text });
  hover = hover.first();
  await hover.waitFor({ state: 'visible' });
  return hover;
}
