// A rule's docs page opened from its diagnostic in real VS Code (issue 15: "every code has a docs page,
// opened from its diagnostic"): the DS103 code link in the hover runs Show Rule Documentation, which
// renders the bundled docs/rules/DS103.md as a Markdown preview (offline). The preview's text is read
// from inside its webview and compared with the page the records generate.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { missingOracle } from '../server/test/support/oracles';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { deleteCurrentLine, goToLine, hoverSquiggle, squiggles } from './support/editor';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { openFile, pickQuickItem, quickInput, runCommandShowing } from './support/palette';
import { PROJECT_ROOT } from './support/paths';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { waitUntil } from './support/wait';
import { copyFixture, lineNumberOf } from './support/workspace';

let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace = '';

before(async () => {
  if (e2eProblem() !== null || extensionBuildProblem() !== null) return;
  const vsix = packageExtension(scratchDir('rule-docs'));
  workspace = copyFixture('classic');
  const home = newHome('rule-docs');
  installExtension(home, vsix);
  server = await startCodeServer({ folder: workspace, home });
  const started = server;
  workbench = await openWorkbench(server.url, 'rule-docs', () => started.logs(['Migration Guard']));
  await workbench.page.locator('.part.activitybar .action-label[aria-label^="Migration Guard"]').waitFor({ state: 'visible', timeout: 60_000 });
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  removeScratchDirs();
});

/** The headings of a generated page (what the preview must show). */
function headingsOf(code: string): string[] {
  const page = readFileSync(join(PROJECT_ROOT, 'docs', 'rules', `${code}.md`), 'utf8');
  return [...page.matchAll(/^#{1,2} (.+)$/gm)].map((m) => (m[1] as string).replace(/`/g, ''));
}

/** The Markdown preview's document: the webview frame whose body holds the page's first heading. */
async function previewFrame(page: Page, heading: string): Promise<Frame> {
  return waitUntil(
    `a Markdown preview showing "${heading}"`,
    async () => {
      for (const frame of page.frames()) {
        const found = await frame
          .locator('h1')
          .filter({ hasText: heading })
          .count()
          .catch(() => 0);
        if (found > 0) return frame;
      }
      return undefined;
    },
    30_000,
  );
}

async function assertShowsPage(page: Page, code: string): Promise<void> {
  const headings = headingsOf(code);
  const frame = await previewFrame(page, headings[0] as string);
  const text = await frame.locator('body').innerText();
  for (const heading of headings) assert.ok(text.includes(heading), `the preview shows the heading "${heading}"`);
  // A read-only preview tab, named after the page.
  await page
    .locator('.tabs-container .tab')
    .filter({ hasText: `${code}.md` })
    .first()
    .waitFor({ state: 'visible' });
}

test('the DS103 code link in the hover opens the DS103 docs page as a Markdown preview', async (t) => {
  if (needsE2e(t) || missingOracle(t, extensionBuildProblem())) return;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  const wb = workbench;
  const { page } = wb;
  await wb.step('docs-from-hover', async () => {
    await openFile(page, 'models.py');
    await goToLine(page, lineNumberOf(join(workspace, 'models.py'), /^\s+body\s*=/));
    await deleteCurrentLine(page);
    const squiggle = squiggles(page, 'warning').first();
    await squiggle.waitFor({ state: 'visible', timeout: 30_000 });
    const hover = await hoverSquiggle(page, squiggle, 'post.body');
    const link = hover.locator('a.code-link').filter({ hasText: 'DS103' }).first();
    await link.waitFor({ state: 'visible' });
    await wb.screenshot('rule-docs-hover-link');
    await link.click();
    await assertShowsPage(page, 'DS103');
    await wb.screenshot('rule-docs-ds103-preview');
  });
});

test('Show Rule Documentation from the palette offers every page and opens the chosen one', async (t) => {
  if (needsE2e(t) || missingOracle(t, extensionBuildProblem())) return;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  const wb = workbench;
  const { page } = wb;
  await wb.step('docs-from-palette', async () => {
    const picker = quickInput(page).locator('input.input[placeholder="Which rule or note kind?"]');
    await runCommandShowing(page, 'Migration Guard: Show Rule Documentation', picker);
    await picker.fill('MF106');
    await pickQuickItem(page, 'MF106');
    await assertShowsPage(page, 'MF106');
    await wb.screenshot('rule-docs-mf106-preview');
  });
});
