// Several accounts and the production guard, through the UI only: a developer whose window has only the implicit
// account (no token) adds their client's live account as a production account with the palette's multi-step input
// (its gateway, a simulator of the run-e2e process, given through the sender step's server button), switches to it,
// sees its name on the error background of the status bar and in a badge of the same colour in the composer, and
// answers the production confirmation with Escape, then with Enter: nothing reaches the gateway, nothing is
// recorded. Only a click on "Send" then sends, which shows the checks before it could have failed.
// `keccel.confirmBeforeSend` is off in this run: the question that shows can only be the production guard's.
// Saves production-account-status-bar.png and production-composer-badge.png when screenshots are asked for.
import fs from 'node:fs';
import {
  clearNotifications, clipAround, openKeccelContainer, QUICK_INPUT, quickInputText, runCommand, saveScreenshot, screenState,
  statusBarItem, waitForWebviewText, waitForWorkbench, waitUntil,
} from './workbench.mjs';

export const ACCOUNTS_JOURNEY = 'e2e-accounts';
const ACCOUNT = 'Client Live';
const TOKEN = 'client-live-token-58c2';
const CREDITS = 12480;
const TO = '0812345678';
const TO_SHOWN = '+243 81 234 5678';
const MESSAGE = 'Votre code de livraison: 4711';
const LIVE_BASE_URL = 'https://api.keccel.com/sms/v2';

/**
 * Runs the journey with the client's live gateway (a simulator) started for it and stopped after it; for
 * scripts/run-e2e.mjs, which hands over its journey runner and what it loaded.
 */
export async function runAccountsJourney({ runJourney, KeccelSimulator, screenshotsDir, log }) {
  // A fixed expiry: the status bar and the composer's screenshots read the same in every run.
  const expiration = new Date(Date.UTC(2099, 11, 31, 22, 0, 0));
  const gateway = new KeccelSimulator({ port: 0, token: TOKEN, balance: CREDITS, expiration, deliveryDelayMs: 1500 });
  const baseUrl = await gateway.start();
  log(`simulator (the client's live gateway) ${baseUrl}`);
  try {
    return await runJourney({
      name: ACCOUNTS_JOURNEY,
      settings: { 'keccel.confirmBeforeSend': false },
      env: { KECCEL_SANDBOX: '0' },
      run: (page, url, step) => accountsJourney({ page, url, gateway, screenshotsDir, step }),
    });
  } finally {
    await gateway.stop();
  }
}

const dialog = (page) => page.locator('.monaco-dialog-box').filter({ visible: true }).first();
const productionQuestion = (page) => dialog(page).filter({ hasText: `Send from the production account "${ACCOUNT}"?` });
const accountItem = (page) => statusBarItem(page, new RegExp(`${ACCOUNT}\\s*·\\s*12\\D?480 SMS`));
/** The Messages view's pane (with the Accounts view shown too, each view has a pane of its own). */
const messagesPane = (page) => page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: /Messages/ }) }).first();
const messageRows = (page) => messagesPane(page).locator('.monaco-list-row[role="treeitem"]');
const composerOf = (page) => waitForWebviewText(page, 'h1', 'SMS Composer', 30_000);

/** Requests that reached the client's gateway, by endpoint (`message.asp`, `balance.asp`, ...). */
const requestsTo = (gateway, endpoint) => gateway.requestLog.entries.filter((entry) => entry.endpoint === endpoint);

/**
 * The background colour the page paints behind `locator` (its own or its nearest painted ancestor's) and the
 * colour `--vscode-statusBarItem-errorBackground` resolves to there, both as computed rgb()/rgba() strings.
 */
async function paintedAndErrorColour(locator) {
  return locator.evaluate((element) => {
    const transparent = (colour) => colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);
    let painted = 'transparent';
    for (let el = element; el && transparent(painted); el = el.parentElement) painted = getComputedStyle(el).backgroundColor;
    // Beside the element: the workbench defines its colour variables on .monaco-workbench, not on the body.
    const probe = document.createElement('span');
    probe.style.backgroundColor = 'var(--vscode-statusBarItem-errorBackground)';
    element.parentElement.append(probe);
    const error = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return { painted, error };
  });
}

/** Nothing reached the gateway's send endpoint, it holds no message, and the Messages view lists no row. */
async function expectNothingSent(page, gateway, when) {
  const sends = requestsTo(gateway, 'message.asp');
  if (sends.length > 0 || gateway.messages.length > 0) {
    throw new Error(`${when}, the client's gateway received ${sends.length} send request(s) and holds ${gateway.messages.length} message(s)`);
  }
  await messagesPane(page).locator('.pane-body').waitFor({ timeout: 10_000 });
  const rows = await messageRows(page).allInnerTexts();
  if (rows.length > 0) throw new Error(`${when}, the Messages view lists ${JSON.stringify(rows)}`);
}

/**
 * Clicks the composer's Send and waits for the production question; its text must name the account and the
 * recipient. Resolves once the keyboard focus is in the dialog, on the button Enter would press.
 */
async function sendUntilProductionQuestion(page, composer) {
  await composer.locator('#send').click();
  await productionQuestion(page).waitFor({ timeout: 20_000 });
  const text = (await dialog(page).innerText()).replace(/\s+/g, ' ');
  if (!text.includes(TO_SHOWN)) throw new Error(`the production question does not name the recipient ${TO_SHOWN}: "${text}"`);
  await waitUntil(() => page.evaluate(() => document.activeElement?.closest('.monaco-dialog-box') != null), 10_000, 'the keyboard focus in the dialog');
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

/** After an answer that is not "Send": the dialog goes and the composer says that nothing was sent. */
async function expectNotSentAnswer(page, composer) {
  await dialog(page).waitFor({ state: 'hidden', timeout: 10_000 });
  await composer.locator('#outcome.outcome-cancelled', { hasText: 'Nothing was sent.' }).waitFor({ timeout: 15_000 });
}

export async function accountsJourney({ page, url, gateway, screenshotsDir, step }) {
  if (screenshotsDir) fs.mkdirSync(screenshotsDir, { recursive: true });
  const shot = (name, options = {}) => saveScreenshot(page, screenshotsDir, name, options);
  let composer;

  await step('workbench loads with the one implicit account and no token', async () => {
    await page.goto(url);
    await waitForWorkbench(page);
    await statusBarItem(page, 'Set up Keccel').waitFor({ timeout: 60_000 });
  });

  await step('Keccel: Add Account…: name, token, production, and the gateway through the sender step\'s server button', async () => {
    await runCommand(page, 'Keccel: Add Account');
    const input = page.locator(`${QUICK_INPUT} input.input`);
    const atStep = (text) => waitUntil(async () => (await quickInputText(page)).includes(text), 15_000, `the step "${text}"`);
    await atStep('Add Keccel Account (1/4)');
    await input.fill(ACCOUNT);
    await input.press('Enter');
    await atStep('Add Keccel Account (2/4)');
    await page.locator(`${QUICK_INPUT} input[type="password"]`).fill(gateway.token);
    await page.locator(`${QUICK_INPUT} input[type="password"]`).press('Enter');
    await atStep('Add Keccel Account (3/4)');
    await page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: 'Production account' }).first().click();
    await atStep('Add Keccel Account (4/4)');
    // The base URL is kept out of sight: the sender step's title-bar button asks for it next.
    await page.locator(`${QUICK_INPUT} .action-label[aria-label^="Use another gateway"]`).first().click();
    await atStep('base URL is asked next');
    await input.press('Enter'); // no sender of its own: keccel.sender
    await atStep(`Gateway of "${ACCOUNT}"`);
    await waitUntil(async () => (await input.inputValue()) === LIVE_BASE_URL, 5_000, `the live gateway ${LIVE_BASE_URL} offered first`);
    await input.fill(gateway.baseUrl);
    await input.press('Enter');
    await page.locator('.notification-toast', { hasText: `Account "${ACCOUNT}" added. Balance: ${CREDITS} SMS.` }).first().waitFor({ timeout: 30_000 });
    if (requestsTo(gateway, 'balance.asp').length === 0) throw new Error('the token was not checked against the client\'s gateway (no balance.asp request reached it)');
  });

  await step('Keccel: Switch Account…: the client\'s account with its credit; the status bar turns red with its name', async () => {
    await runCommand(page, 'Keccel: Switch Account');
    const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: ACCOUNT }).first();
    await row.filter({ hasText: /production/ }).filter({ hasText: /12\D?480/ }).waitFor({ timeout: 20_000 });
    await row.click();
    const item = accountItem(page);
    await item.waitFor({ timeout: 20_000 });
    let colours;
    await waitUntil(async () => {
      colours = await paintedAndErrorColour(item);
      return colours.painted === colours.error;
    }, 10_000, 'the status bar item on statusBarItem.errorBackground').catch((error) => {
      error.message += ` (painted ${colours?.painted}, error background ${colours?.error})`;
      throw error;
    });
    await clearNotifications(page);
    await openKeccelContainer(page);
    // The left end of the status bar, where the item is, with a little of the window above it.
    const itemBox = await item.boundingBox();
    await shot('production-account-status-bar.png', { clip: clipAround(page, [{ x: 0, y: itemBox.y, width: itemBox.x + itemBox.width + 200, height: itemBox.height }], 12) });
  });

  await step('the composer shows the account\'s name in a badge of the status bar\'s colour', async () => {
    const statusBarColour = (await paintedAndErrorColour(accountItem(page))).painted;
    await runCommand(page, 'Keccel: Open SMS Composer');
    composer = await composerOf(page);
    const badge = composer.locator('#account-badge');
    await badge.filter({ hasText: ACCOUNT }).waitFor({ timeout: 20_000 });
    let colours;
    await waitUntil(async () => {
      colours = await paintedAndErrorColour(badge);
      return colours.painted === statusBarColour && colours.error === statusBarColour;
    }, 10_000, 'the badge in the status bar item\'s colour').catch((error) => {
      error.message += ` (badge ${colours?.painted}, the webview's error background ${colours?.error}, status bar item ${statusBarColour})`;
      throw error;
    });
    await composer.getByLabel('To', { exact: true }).fill(TO);
    await composer.getByLabel('Message', { exact: true }).fill(MESSAGE);
    await composer.locator('#send:not([disabled])').waitFor({ timeout: 10_000 });
    await shot('production-composer-badge.png');
  });

  await step('Send, then Escape at the production question: nothing reaches the gateway, nothing is recorded', async () => {
    await sendUntilProductionQuestion(page, composer);
    await page.keyboard.press('Escape');
    await expectNotSentAnswer(page, composer);
    await expectNothingSent(page, gateway, 'after Escape');
  });

  await step('Send again, then Enter at the production question: "Don\'t Send", nothing sent', async () => {
    const focused = await sendUntilProductionQuestion(page, composer);
    if (focused !== "Don't Send") throw new Error(`Enter would press "${focused}", not "Don't Send"\n  on screen: ${await screenState(page)}`);
    await page.keyboard.press('Enter');
    await expectNotSentAnswer(page, composer);
    await expectNothingSent(page, gateway, 'after Enter');
  });

  await step('only a click on "Send" sends: one request to the client\'s gateway, one row in the Messages view', async () => {
    await sendUntilProductionQuestion(page, composer);
    await dialog(page).locator('.monaco-button', { hasText: /^Send$/ }).click();
    await messageRows(page).filter({ hasText: '081 234 5678' }).first().waitFor({ timeout: 30_000 });
    const sends = requestsTo(gateway, 'message.asp');
    if (sends.length !== 1) throw new Error(`the client's gateway received ${sends.length} send requests instead of 1`);
  });
}
