// Small page-object helpers for the VS Code 1.139 workbench served by code-server (selectors and test-machine notes: docs/testing.md).
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
  await paletteRow(page, title, { timeout, click: true });
}

/**
 * F1 and the command's title, until the palette lists it (then clicks it when `click`); the same retries as
 * runCommand. Leaves the palette open when not clicking.
 */
export async function paletteRow(page, title, { timeout = 15_000, click = false } = {}) {
  const input = page.locator(INPUT);
  const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: title }).first();
  // The whole open-type-click is retried: a quick input that is closing is inert until its close animation ends
  // (one reopened in that instant can stay so), and the palette was seen to close again right after opening (after
  // a modal dialog and a clear of notifications; when a webview that had the focus takes it back), even between
  // showing the row and the click. A click that fails ran nothing, so trying again is safe.
  await expectAttempts(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await waitUntil(() => input.evaluate((el) => el.closest('[inert]') === null), 3000, 'the palette to take input');
    await input.fill(`>${title}`, { timeout: 5000 });
    await row.waitFor({ timeout });
    if (click) await row.click({ timeout: 5000 });
  }, 4).catch(async (error) => {
    error.message += `\n  (running "${title}" from the palette) on screen: ${await screenState(page)}`;
    throw error;
  });
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

const HOVER = '.monaco-hover, .workbench-hover';
const squash = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * What is on screen, as text for a failure message: the focused element, hovers, quick input, dialogs, toasts, tree
 * rows and editor tabs that are visible. Never throws (a page in the middle of a reload gives what it can).
 */
export async function screenState(page) {
  try {
    return await page.evaluate(() => {
      const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const texts = (selector) => [...document.querySelectorAll(selector)].filter(visible)
        .map((el) => el.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean);
      const active = document.activeElement;
      return JSON.stringify({
        focused: active ? `${active.tagName.toLowerCase()}.${[...active.classList].join('.')} "${(active.getAttribute('aria-label') ?? '').slice(0, 80)}"` : '',
        hovers: texts('.monaco-hover, .workbench-hover'),
        quickInput: texts('.quick-input-widget'),
        dialogs: texts('.monaco-dialog-box'),
        toasts: texts('.notification-toast'),
        treeRows: texts('.pane-body .monaco-list-row[role="treeitem"]'),
        editorTabs: texts('.tabs-container .tab'),
        // The walkthrough on the Welcome page: its title and each step with its checkbox (✓ done, ○ not).
        walkthrough: [...document.querySelectorAll('.part.editor h2.category-title, .part.editor button.getting-started-step')].filter(visible)
          .map((el) => (el.matches('h2') ? el.textContent.trim()
            : `${el.querySelector('[role="checkbox"]')?.getAttribute('aria-checked') === 'true' ? '✓' : '○'} ${el.querySelector('.step-title')?.textContent?.trim() ?? ''}`)),
        statusBar: texts('.statusbar-item').slice(0, 12),
      }, null, 1);
    });
  } catch (error) {
    return `(could not read the screen: ${error.message})`;
  }
}

/**
 * Shows the hover of `target` with the pointer and resolves with its text and box once the text satisfies `accept`
 * (the hover is there and its Markdown rendered). A hover starts when the pointer enters the element, and a
 * refresh that re-renders the element drops a hover about to show: the pointer leaves and enters again, up to
 * `attempts` times. Throws with the last hover text and what was on screen. For tree rows prefer rowTooltip.
 */
export async function hoverUntil(page, target, accept, { attempts = 4, what = 'the hover' } = {}) {
  const hover = page.locator(HOVER).filter({ visible: true }).first();
  let seen = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    await page.mouse.move(900, 600);
    await target.hover();
    const shown = await waitUntil(() => readHover(hover, accept, (text) => { seen = text; }), 5000, what).catch(() => undefined);
    if (shown) return shown;
  }
  throw new Error(`${what} did not show after ${attempts} hovers; last hover text: "${seen}"\n  on screen: ${await screenState(page)}`);
}

/**
 * The tooltip of the Messages tree row labelled `label` (the number as shown), through the keyboard: the row gets
 * the list focus (Home, then Down: moving the focus does not open the row), then Ctrl+K Ctrl+I (list.showHover)
 * shows the hover of the focused row. No pointer and no hover delay are involved; a tree refresh that re-renders
 * the rows and drops the hover is met by focusing and asking again, up to `attempts` times. Resolves with the text
 * and box once the text satisfies `accept`; throws with the last hover text and what was on screen.
 */
export async function rowTooltip(page, label, accept, { attempts = 4 } = {}) {
  const hover = page.locator(HOVER).filter({ visible: true }).first();
  let seen = '';
  await page.mouse.move(900, 600); // a pointer over the tree would show (or hide) hovers of its own
  for (let attempt = 0; attempt < attempts; attempt++) {
    await focusTreeRow(page, label);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const shown = await waitUntil(() => readHover(hover, accept, (text) => { seen = text; }), 5000, `the tooltip of ${label}`)
      .catch(() => undefined);
    if (shown) return shown;
  }
  throw new Error(`the tooltip of the row "${label}" did not show as expected after ${attempts} tries (Ctrl+K Ctrl+I on the focused row); ` +
    `last hover text: "${seen}"\n  on screen: ${await screenState(page)}`);
}

/**
 * The visible hover's text and box when its text satisfies `accept`, else undefined. Both are read with short
 * timeouts: a hover can go (a refresh re-renders its element) between two reads, and then it is shown again.
 */
async function readHover(hover, accept, onText) {
  const text = squash(await hover.innerText({ timeout: 500 }));
  onText(text);
  if (!accept(text)) return undefined;
  const box = await hover.boundingBox({ timeout: 500 });
  return box ? { text, box } : undefined;
}

/** Gives the keyboard focus to the Messages tree row labelled `label`, without opening it. */
export async function focusTreeRow(page, label) {
  const focusedLabel = () => page.locator('.pane-body .monaco-list-row.focused[role="treeitem"] .label-name').first()
    .innerText({ timeout: 500 }).then((text) => text.trim(), () => '');
  await page.keyboard.press('Escape'); // no hover, menu or quick input keeps the keyboard
  // A webview (the composer, a details page) that holds the keyboard keeps it against a DOM focus() on the tree:
  // the workbench's Focus Side Bar (Ctrl+0), which webviews forward like every keybinding, takes it back first.
  if (await page.evaluate(() => document.activeElement?.tagName === 'IFRAME' || !!document.activeElement?.closest('.webview'))) {
    await page.keyboard.press('Control+0');
  }
  await page.locator('.pane-body .monaco-list').filter({ has: page.locator('.monaco-list-row[role="treeitem"]') }).first().focus();
  await page.keyboard.press('Home');
  let seen = [];
  await waitUntil(async () => {
    const now = await focusedLabel();
    seen.push(now);
    if (now === label) return true;
    if (seen.length > 1 && seen.at(-2) === now) await page.keyboard.press('Home'); // at the end: from the top again
    else await page.keyboard.press('ArrowDown');
    return false;
  }, 15_000, `the keyboard focus on the row "${label}"`).catch(async (error) => {
    error.message += ` (focus went through ${JSON.stringify(seen.slice(-12))})\n  on screen: ${await screenState(page)}`;
    throw error;
  });
}

/** Saves a README screenshot, only when the run was asked for them (KECCEL_SCREENSHOTS=1, `npm run screenshots`). */
export async function saveScreenshot(page, screenshotsDir, name, options = {}) {
  if (!screenshotsDir) return;
  await page.screenshot({ path: `${screenshotsDir}/${name}`, ...options });
}

/**
 * A gate on the scripts webviews load, for steps that must act while a webview's form is on screen and its script
 * has not run yet (as a user typing right after a reload, on a busy machine). A webview loads its files through
 * VS Code's service worker, which asks the webview's host frame ("load-resource" message); an init script in that
 * frame hands the request for a gated file name to the test, which lets it through on `release()`. Nothing else
 * is delayed, and nothing is held unless armed. Install before the first page.goto.
 */
export async function installWebviewScriptGate(page) {
  let armed;
  let heldCount = 0;
  const waiting = [];
  await page.exposeBinding('__keccelE2eScriptGate', async (_source, requestedPath) => {
    if (!armed || !String(requestedPath).endsWith(`/${armed}`)) return;
    heldCount++;
    await new Promise((resolve) => waiting.push(resolve));
  });
  await page.addInitScript(() => {
    const container = globalThis.ServiceWorkerContainer?.prototype;
    if (!container) return;
    const add = container.addEventListener;
    container.addEventListener = function (type, listener, options) {
      if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
      const gated = function (event) {
        const data = event.data;
        const gate = globalThis.__keccelE2eScriptGate;
        if (data?.channel === 'load-resource' && typeof data.path === 'string' && /\/dist\/webview\/[\w.-]+\.js$/.test(data.path) && typeof gate === 'function') {
          gate(data.path).then(() => listener.call(this, event), () => listener.call(this, event));
          return undefined;
        }
        return listener.call(this, event);
      };
      return add.call(this, type, gated, options);
    };
  });
  return {
    /** From now on, hold the loads of `fileName` (e.g. "composer.js"). */
    arm(fileName) {
      armed = fileName;
      heldCount = 0;
    },
    /** Resolves once a load of the armed file is held (the page asked for it and waits). */
    async waitHeld(timeout) {
      await waitUntil(async () => heldCount > 0, timeout, `the webview to ask for ${armed} (the gate caught no load: has VS Code changed how webviews load files?)`);
    },
    /** Lets every held load through and holds nothing more. */
    release() {
      armed = undefined;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
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

/**
 * The walkthrough shown in the Welcome editor (VS Code draws it in the workbench's own page, not in a webview): its
 * title, and its steps top to bottom, each with its title and whether its checkbox is ticked (`aria-checked`, what a
 * screen reader says; the icon is codicon-getting-started-step-checked). Steps not rendered are left out.
 * @returns {Promise<{title: string, steps: {title: string, done: boolean}[]}>}
 */
export async function readWalkthrough(page) {
  return page.locator('.part.editor').first().evaluate((editor) => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const title = [...editor.querySelectorAll('h2.category-title')].find(visible)?.textContent?.trim() ?? '';
    const steps = [...editor.querySelectorAll('button.getting-started-step')].filter(visible).map((step) => ({
      title: step.querySelector('.step-title')?.textContent?.trim() ?? '',
      done: step.querySelector('[role="checkbox"]')?.getAttribute('aria-checked') === 'true',
    }));
    return { title, steps };
  });
}

/** The step of the walkthrough on screen whose title is `title` (a `button.getting-started-step`; a click selects it). */
export function walkthroughStep(page, title) {
  return page.locator('.part.editor button.getting-started-step').filter({ has: page.locator('.step-title', { hasText: title }) }).first();
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
  // Listening before the command runs (the page may navigate the moment the row is clicked); a failure of the
  // command is the error to report, so the listener's own timeout must not go unhandled meanwhile.
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 90_000 });
  navigated.catch(() => {});
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

/**
 * The document of the webview (any of those open) that shows `selector` with `text`, once one does: with the
 * composer and the details page both open, which iframe is which depends on the layout, not on the DOM order.
 * Throws after `timeout` with what each webview document showed.
 * @returns {Promise<import('playwright-core').Frame>}
 */
export async function waitForWebviewText(page, selector, text, timeout) {
  const documents = () => page.frames().filter((frame) => frame.name() === 'active-frame' || /\/fake\.html/.test(frame.url()));
  let seen = [];
  try {
    return await waitUntil(async () => {
      seen = [];
      for (const frame of documents()) {
        if (await frame.locator(selector, { hasText: text }).count() > 0) return frame;
        seen.push((await frame.locator('body').innerText({ timeout: 500 }).catch(() => '(unreadable)')).replace(/\s+/g, ' ').slice(0, 200));
      }
      return undefined;
    }, timeout, `a webview showing ${selector} "${text}"`);
  } catch (error) {
    error.message += ` (webview documents seen: ${JSON.stringify(seen)})`;
    throw error;
  }
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
