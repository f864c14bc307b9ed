// Small page-object helpers for the VS Code 1.139 workbench served by code-server (selectors: vscode-offline.md).
// Everything goes through the UI a user sees: the palette, quick inputs, dialogs, the tree, the status bar, webviews.

export const QUICK_INPUT = '.quick-input-widget';
const INPUT = `${QUICK_INPUT} input.input`;

/** Waits for the workbench to be interactive (status bar drawn, extension host up). */
export async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.statusbar').waitFor({ timeout });
}

/** F1, type the command's title, run the row that shows it. */
export async function runCommand(page, title, { timeout = 15_000 } = {}) {
  const input = page.locator(INPUT);
  const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: title }).first();
  // The whole open-and-type is retried: a quick input that is closing is inert until its close animation ends (one
  // reopened in that instant can stay so), and in the sandbox journey the palette was seen to close again right
  // after opening, once in a few runs (after a modal dialog and a clear of notifications).
  await expectAttempts(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await waitUntil(() => input.evaluate((el) => el.closest('[inert]') === null), 3000, 'the palette to take input');
    await input.fill(`>${title}`, { timeout: 5000 });
    await row.waitFor({ timeout });
  }, 4);
  await row.click();
}

/** Answers the visible input box (text or password) and waits until it moved on (next step or closed). */
export async function answerInput(page, value, { password = false, timeout = 15_000 } = {}) {
  const input = page.locator(password ? `${QUICK_INPUT} input[type="password"]` : INPUT);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(value);
  await input.press('Enter');
  await waitUntil(async () => {
    const visible = await page.locator(QUICK_INPUT).isVisible();
    if (!visible) return true;
    return (await page.locator(INPUT).inputValue().catch(() => '')) !== value;
  }, timeout, `the input box to accept "${password ? '***' : value}"`);
}

/** Prompt/title text of the visible quick input (to check which step of a flow is shown). */
export async function quickInputText(page) {
  const widget = page.locator(QUICK_INPUT);
  if (!(await widget.isVisible())) return '';
  return (await widget.innerText()).replace(/\s+/g, ' ');
}

/**
 * Confirms a send, whether the extension asks with a modal dialog or a quick pick. Returns what was confirmed.
 * `label` matches the confirming button or row: the English /send/i unless the journey runs in another language.
 */
export async function confirmSend(page, { timeout = 15_000, beforeConfirm, label = /send/i } = {}) {
  const dialogButton = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  const pickRow = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: label }).first();
  const which = await waitUntil(async () => {
    if (await dialogButton.isVisible()) return 'dialog';
    if (await pickRow.isVisible()) return 'quickpick';
    return undefined;
  }, timeout, 'a send confirmation (dialog or quick pick)');
  await beforeConfirm?.(which);
  if (which === 'dialog') await dialogButton.click();
  else await pickRow.click();
  return which;
}

/** Opens the "Keccel SMS" activity-bar container. */
export async function openKeccelContainer(page) {
  // With a single view the pane header is hidden and the side bar title reads "Keccel SMS: Messages".
  const title = page.locator('.part.sidebar .composite.title', { hasText: /Keccel SMS/ }).first();
  const icon = page.locator('.activitybar .action-item a.action-label[aria-label^="Keccel SMS"], .activitybar .action-item[aria-label^="Keccel SMS"]').first();
  await icon.waitFor({ timeout: 30_000 });
  // Clicking the icon of the container already shown hides the side bar, and right after a reload the side bar
  // may still be on its way: click only when it is not on screen, give it time to show, and click again if a click
  // landed on a side bar that was about to appear (and so hid it).
  await waitUntil(async () => {
    if (await title.isVisible()) return true;
    await icon.click();
    await title.waitFor({ timeout: 3_000 }).catch(() => {});
    return title.isVisible();
  }, 30_000, 'the Keccel SMS side bar');
  await page.mouse.move(900, 600); // no hover tooltip left on the activity bar for the screenshots
}

/** Dismisses notification toasts so that they do not cover what a screenshot shows. */
export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await waitUntil(async () => (await page.locator('.notification-toast').count()) === 0, 5000, 'the toasts to go');
}

/** Hovers `locator` and waits for the workbench hover it opens; returns the hover's box (or undefined). */
export async function hoverFor(page, locator) {
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ visible: true }).first();
  // A tree refresh (a delivery report, the sandbox attaching a request to the record) re-renders the row and drops
  // a hover that was about to show: hover again, a few times, from outside the row.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await page.mouse.move(900, 300);
    await locator.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 5000 });
      await page.waitForTimeout(300); // let the Markdown render
      return await hover.boundingBox() ?? undefined;
    } catch {
      // try again
    }
  }
  return undefined;
}

/** A clip rectangle around boxes, with a margin, inside the viewport. */
export function clipAround(page, boxes, margin = 16) {
  const { width, height } = page.viewportSize();
  const present = boxes.filter(Boolean);
  const x = Math.max(0, Math.min(...present.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...present.map((b) => b.y)) - margin);
  const right = Math.min(width, Math.max(...present.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(height, Math.max(...present.map((b) => b.y + b.height)) + margin);
  return { x, y, width: right - x, height: bottom - y };
}

export function treeRows(page) {
  return page.locator('.pane-body .monaco-list-row[role="treeitem"]');
}

/**
 * The rows of the Messages tree as the user reads them: the label (the number, "081 234 5678") and the description
 * ("Vodacom · Delivered · now"), top to bottom.
 * @returns {Promise<{label: string, description: string}[]>}
 */
export async function readTreeRows(page) {
  return treeRows(page).evaluateAll((rows) => rows
    .map((row) => ({
      top: row.getBoundingClientRect().top,
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    }))
    .sort((a, b) => a.top - b.top)
    .map(({ label, description }) => ({ label, description })));
}

/** The text of the send confirmation `confirmSend` found ('dialog' or 'quickpick'), whitespace collapsed. */
export async function confirmationText(page, which) {
  const box = which === 'dialog' ? page.locator('.monaco-dialog-box').first() : page.locator(QUICK_INPUT);
  return (await box.innerText()).replace(/\s+/g, ' ');
}

/** Developer: Reload Window, then waits for the new page's workbench (never for the old page's). */
export async function reloadWindow(page) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 30_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.waitForLoadState('domcontentloaded');
  await waitForWorkbench(page);
}

/** The message under the visible input box (validation error or info), whitespace collapsed; '' when none. */
export async function inputBoxMessage(page) {
  const message = page.locator(`${QUICK_INPUT} .quick-input-message`).first();
  if (!(await message.isVisible().catch(() => false))) return '';
  return (await message.innerText()).replace(/\s+/g, ' ').trim();
}

export function statusBarItem(page, hasText) {
  return page.locator('.statusbar-item', { hasText }).first();
}

/** The composer webview's document: two iframes deep. */
export function webview(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

export async function waitUntil(probe, timeout, what) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function expectAttempts(fn, attempts) {
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
