// Problems panel, sidebar views (tree items and their actions) and modal dialogs.
import type { Locator, Page } from 'playwright-core';
import { escapeRegExp } from './palette';

/** Focuses the Problems panel and returns the row whose text matches, once it shows. */
export async function problemRow(page: Page, text: string | RegExp): Promise<Locator> {
  const panel = page.locator('.markers-panel');
  // Ctrl+Shift+M toggles the Problems panel: only press it when the panel is not showing.
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
  const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: text }).first();
  await row.waitFor({ state: 'visible' });
  return row;
}

/** Hides the bottom panel (Problems, Output…) when it shows, so later screenshots get the whole editor. */
export async function hidePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  if (!(await panel.isVisible())) return;
  await page.keyboard.press('Control+J');
  await panel.waitFor({ state: 'hidden' });
}

/** Clicks the activity bar entry of a view container, e.g. "Migration Guard", and waits for its sidebar. */
export async function openViewContainer(page: Page, title: string): Promise<Locator> {
  // The entry as a whole: its badge (e.g. a pending-changes count) sits over the icon.
  const item = page
    .locator('.part.activitybar .action-item')
    .filter({ has: page.locator(`.action-label[aria-label^="${title}"]`) })
    .first();
  await item.waitFor({ state: 'visible' });
  const sidebar = page.locator('.part.sidebar');
  const header = sidebar.locator('.composite.title').filter({ hasText: new RegExp(title, 'i') });
  if (!(await header.isVisible())) await item.click();
  await header.waitFor({ state: 'visible' });
  return sidebar;
}

/** A view pane in the sidebar by its title, expanded. */
export async function viewPane(page: Page, title: string): Promise<Locator> {
  const pane = page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`, 'i') }) })
    .first();
  await pane.waitFor({ state: 'visible' });
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

/** The tree row whose text matches. */
export function treeItem(pane: Locator, text: string | RegExp): Locator {
  return pane.locator('.monaco-list-row').filter({ hasText: text }).first();
}

/** Where a view's title actions are: its pane header, or the sidebar title when it is the container's only view. */
async function titleBar(page: Page, pane: Locator): Promise<Locator> {
  const header = pane.locator('.pane-header').first();
  const alone = ((await header.getAttribute('class')) ?? '').split(/\s+/).includes('hidden');
  return alone ? page.locator('.part.sidebar .composite.title') : header;
}

/** The labels of the action buttons in a view's title bar (what a user can click there). */
export async function viewActionLabels(page: Page, pane: Locator): Promise<string[]> {
  const bar = await titleBar(page, pane);
  await bar.hover();
  const labels = await bar.locator('.actions-container .action-label').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  return labels.filter((l) => l !== '');
}

/** Clicks an action button in a view's title bar, by its label. A container's only view shows its actions in the sidebar title. */
export async function clickViewAction(page: Page, pane: Locator, label: string): Promise<void> {
  const bar = await titleBar(page, pane);
  await bar.hover();
  const action = bar.locator(`.action-label[aria-label^="${label}"]`).first();
  await action.waitFor({ state: 'visible' });
  await action.click();
}

/** Right-clicks a tree row and picks a context menu entry. */
export async function clickContextMenu(page: Page, row: Locator, label: string): Promise<void> {
  await row.click({ button: 'right' });
  await pickMenuEntry(page, label);
}

export interface ModalDialog {
  box: Locator;
  message: string;
  detail: string;
}

/** Waits for a modal dialog whose message matches, and returns its texts. */
export async function waitForModal(page: Page, message: string | RegExp): Promise<ModalDialog> {
  const box = page.locator('.monaco-dialog-box').filter({ hasText: message }).first();
  await box.waitFor({ state: 'visible' });
  const detailLocator = box.locator('.dialog-message-detail');
  const detail = (await detailLocator.count()) > 0 ? await detailLocator.innerText() : '';
  return { box, message: await box.locator('.dialog-message-text').innerText(), detail };
}

/** Clicks a button of a modal dialog by its label and waits for the dialog to close. */
export async function clickDialogButton(dialog: ModalDialog, label: string): Promise<void> {
  await dialog.box.locator('.dialog-buttons .monaco-button').filter({ hasText: label }).first().click();
  await dialog.box.waitFor({ state: 'detached' });
}

/**
 * Picks an entry of a view's "More Actions..." title menu. In a clean-clone run the click on "More Actions..."
 * was lost (its tooltip showed, the menu never opened, and the pick waited 30 s): the menu is opened again,
 * each try with a short wait for the entry, until the deadline.
 */
export async function clickViewMenu(page: Page, pane: Locator, label: string, timeoutMs = 30_000): Promise<void> {
  const bar = await titleBar(page, pane);
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press('Escape');
    await bar.hover();
    await bar.locator('.action-label[aria-label^="More Actions"]').first().click();
    try {
      await menuEntry(page, label).waitFor({ state: 'visible', timeout: Math.max(1_000, Math.min(attempt * 2_000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`"${label}" is not in the view's menu after ${timeoutMs} ms`, { cause: error });
    }
  }
  await pickMenuEntry(page, label);
}

/** The entry of the open context menu labelled `label`, whole or followed by its " (flask db …)" gloss. */
function menuEntry(page: Page, label: string): Locator {
  return page
    .locator('.context-view .monaco-menu .action-item')
    .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(label)}( \\(.*\\))?$`) }) })
    .first();
}

/**
 * Picks an entry of the open context menu (rendered in a shadow root). Hover focuses the entry and Enter runs
 * it: a mouse click that lands while the menu is still settling is sometimes swallowed.
 */
async function pickMenuEntry(page: Page, label: string): Promise<void> {
  const item = menuEntry(page, label);
  await item.waitFor({ state: 'visible' });
  await item.hover();
  await page.locator('.context-view .monaco-menu .action-item.focused').filter({ hasText: label }).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
}
