// The sandbox journey of Keccel SMS, through the UI only: a newcomer with no token and no gateway of ours clicks
// "Try the Sandbox" in the Keccel view, sends to a normal number and to two of the simulator's magic numbers, watches
// the outcomes (after opening the Getting Started walkthrough from the Keccel view's link, whose first step then
// checks itself off), reloads the window (the sandbox must come back by itself), reloads it again while a send to the slow
// magic number waits for its answer (the row must then say Interrupted, the composer must say so and ask before
// sending the same draft again, and the sandbox must have received exactly one send), sends a one-time code and
// checks it through the palette (the code is read from its row, as a developer testing an app's phone verification
// does), and stops the sandbox (the live, empty history must come back: sandbox messages never mix with live ones).
// Last it opens the walkthrough from the palette: each step the journey did is checked, and a step's own button checks
// off the next one.
// Run by scripts/run-e2e.mjs in its own fresh code-server and browser profile, after journey.mjs. Each step is a
// function of its own (STEPS at the end lists them in order); each prints its duration; the first failure ends it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  answerInput, clearNotifications, clipAround, confirmSend, confirmationText, openKeccelContainer, quickInputText, readTreeRows,
  readWalkthrough, reloadWindow, rowTooltip, runCommand, saveScreenshot, screenState, statusBarItem, treeRows, waitForWorkbench,
  waitUntil, waitForWebviewText, walkthroughStep,
} from './workbench.mjs';

/** The sandbox account's starting credit (the simulator's default balance). */
const SANDBOX_START_BALANCE = 1000;
/** What the user sends, and what each row must end up saying (README: "The sandbox", magic numbers). */
const SENDS = [
  { to: '0812345678', label: '081 234 5678', final: 'Delivered', charged: true },
  { to: '243810000001', label: '081 000 0001', final: 'Failed', charged: true }, // delivery ends FAILED
  { to: '243810000002', label: '081 000 0002', final: 'Rejected', charged: false }, // "Invalid destination number"
];
const MESSAGE = 'Test du bac a sable'; // GSM-7, one segment: each accepted send costs exactly 1 credit
const EXPECTED_BALANCE = SANDBOX_START_BALANCE - SENDS.filter((s) => s.charged).length;
/** The slow magic number (README): the sandbox takes and charges the send, its answer waits 125 s. */
const SLOW = { to: '243810000004', label: '081 000 0004' };
const INTERRUPTED_MESSAGE = 'Envoi interrompu par un rechargement';
/**
 * The bound on the first state a step waits for after "Developer: Reload Window": the new extension host starts and
 * activates, which took more than 30 s on a loaded 2-core machine. A bound, not a delay: the step goes on as soon
 * as the state shows.
 */
const AFTER_RELOAD_MS = 90_000;
/** The Getting Started walkthrough as the user reads it (package.json `contributes.walkthroughs`, English). */
const WALKTHROUGH_TITLE = 'Get started with Keccel SMS';
const WALKTHROUGH_STEPS = ['Try the sandbox', 'Send a first SMS', 'Follow its delivery', 'Connect your app', 'Send a one-time code',
  'SMS texts in your code', 'Go live'];

/** How many sends to `to` the sandbox took, from its state file (what a restarted sandbox knows). */
function sandboxSendsTo(userDataDir, to) {
  const find = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return find(full);
    return entry.name === 'sandbox-gateway.json' ? [full] : [];
  });
  const files = find(userDataDir);
  if (files.length !== 1) throw new Error(`expected one sandbox state file under ${userDataDir}, found ${files.length}`);
  const state = JSON.parse(fs.readFileSync(files[0], 'utf8'));
  return state.messages.filter((m) => m.to === to).length;
}

/**
 * What every step works with: the page, the run's folders and port, and the locators several steps share.
 * @typedef {object} Journey
 * @property {import('playwright-core').Page} page
 * @property {string} url workbench URL
 * @property {string | undefined} screenshotsDir where the README's PNGs go; undefined: none saved
 * @property {string} userDataDir code-server's user data folder (settings.json, the sandbox state)
 * @property {number} sandboxPort the keccel.sandbox.port of the run
 */

const keccelItem = (page) => statusBarItem(page, /Set up Keccel|Sandbox|\bSMS\b/);
const sandboxBalance = (page, credits) => statusBarItem(page, new RegExp(`Sandbox\\s*·\\s*${credits} SMS\\b`));
const welcome = (page) => page.locator('.welcome-view-content').filter({ visible: true }).first();
const tryButton = (page) => welcome(page).locator('.monaco-button', { hasText: 'Try the Sandbox' }).first();
const slowRows = (page) => treeRows(page).filter({ hasText: SLOW.label });
/**
 * The composer's document, once it shows (the details page is a webview too: which iframe is which depends on the
 * layout). Resolved again by each step: a reload or a hidden tab replaces the document.
 */
const composerOf = (page, timeout = 20_000) => waitForWebviewText(page, 'h1', 'SMS Composer', timeout);

/** Each row's final state, matched by the number the user reads; also: no other row is there. */
async function expectFinalRows(page, timeout) {
  let rows = [];
  try {
    await waitUntil(async () => {
      rows = await readTreeRows(page);
      return rows.length === SENDS.length &&
        SENDS.every((s) => rows.some((r) => r.label === s.label && new RegExp(`^${s.final} · `).test(r.description)));
    }, timeout, 'the three sandbox rows in their final states');
  } catch (error) {
    error.message += `\n  rows seen: ${JSON.stringify(rows)}`;
    throw error;
  }
  return rows;
}

/**
 * Waits until the walkthrough on screen has its title and all its steps in order, exactly the steps of `done`
 * checked. Throws with what it showed last.
 */
async function expectWalkthrough(page, done, timeout) {
  const expected = WALKTHROUGH_STEPS.map((title) => `${done.includes(title) ? '✓' : '○'} ${title}`);
  let seen = [];
  await waitUntil(async () => {
    const { title, steps } = await readWalkthrough(page);
    seen = [title, ...steps.map((step) => `${step.done ? '✓' : '○'} ${step.title}`)];
    return JSON.stringify(seen) === JSON.stringify([WALKTHROUGH_TITLE, ...expected]);
  }, timeout, `the walkthrough "${WALKTHROUGH_TITLE}" showing ${JSON.stringify(expected)}`).catch((error) => {
    error.message += `\n  walkthrough seen: ${JSON.stringify(seen)}`;
    throw error;
  });
}

/** @param {Journey} j */
async function freshWindow({ page, url }) {
  await page.goto(url);
  await waitForWorkbench(page);
  await openKeccelContainer(page);
  await tryButton(page).waitFor({ timeout: 30_000 });
  await welcome(page).locator('.monaco-button', { hasText: /Set API Token/ }).first().waitFor();
  const item = statusBarItem(page, 'Set up Keccel');
  await item.waitFor({ timeout: 15_000 });
  const text = (await item.innerText()).trim();
  if (/\d/.test(text)) throw new Error(`the status bar shows a number without a token: "${text}"`);
  if (await statusBarItem(page, /Sandbox/).isVisible()) throw new Error('the status bar shows a Sandbox marker before the sandbox was started');
  if ((await treeRows(page).count()) !== 0) throw new Error('the Messages view lists rows in a fresh window');
}

/** @param {Journey} j */
async function walkthroughFromWelcome({ page }) {
  await welcome(page).locator('.monaco-button', { hasText: 'Getting Started' }).first().click();
  await expectWalkthrough(page, [], 20_000);
}

/** @param {Journey} j */
async function trySandbox({ page }) {
  await tryButton(page).click();
  await sandboxBalance(page, SANDBOX_START_BALANCE).waitFor({ timeout: 20_000 });
  if (await statusBarItem(page, 'Set up Keccel').isVisible()) throw new Error('"Set up Keccel" is still in the status bar');
  // The view now offers to send: the no-token welcome (and its "Try the Sandbox") is gone.
  await page.locator('.welcome-view-content .monaco-button', { hasText: 'Send SMS' }).first().waitFor({ timeout: 10_000 });
  if (await tryButton(page).isVisible()) throw new Error('the view still offers "Try the Sandbox" while the sandbox is on');
  // The view's title says which history it lists.
  await page.locator('.part.sidebar .composite.title', { hasText: /Sandbox/ }).first().waitFor({ timeout: 10_000 });
}

/** @param {Journey} j */
async function walkthroughSandboxChecked({ page }) {
  await expectWalkthrough(page, ['Try the sandbox'], 10_000);
  // Closed again: the screenshots of the steps below show the editors those steps open, as before.
  await runCommand(page, 'View: Close All Editors');
  await waitUntil(async () => (await page.locator('.part.editor .tabs-container .tab').count()) === 0, 10_000, 'the Welcome editor to close');
}

/** @param {Journey} j */
async function sendThroughPalette({ page }) {
  for (const send of SENDS) {
    await runCommand(page, 'Keccel: Send SMS');
    await answerInput(page, send.to);
    await waitUntil(async () => (await quickInputText(page)) !== '', 10_000, 'the message box');
    await answerInput(page, MESSAGE);
    let shown = '';
    await confirmSend(page, { beforeConfirm: async (which) => { shown = await confirmationText(page, which); } });
    if (!/Sandbox/.test(shown)) throw new Error(`the confirmation for ${send.to} does not say Sandbox: "${shown}"`);
    if (!shown.includes(`+243 ${send.label.slice(1)}`)) {
      // The confirmation names the recipient (+243 81 000 0001): a send must never go to another number.
      throw new Error(`the confirmation for ${send.to} does not name ${send.label}: "${shown}"`);
    }
    await treeRows(page).filter({ hasText: send.label }).first().waitFor({ timeout: 20_000 });
  }
  // The rejected send says why, in its notification.
  await page.locator('.notification-toast', { hasText: /rejected by Keccel\. Invalid destination number/ }).first()
    .waitFor({ timeout: 10_000 });
}

/** @param {Journey} j */
async function finalStatesAndBalance({ page, screenshotsDir }) {
  await openKeccelContainer(page);
  await expectFinalRows(page, 30_000);
  await sandboxBalance(page, EXPECTED_BALANCE).waitFor({ timeout: 20_000 });
  // The screenshot shows what the user reads: rows and status bar, no toast or tooltip over them.
  await clearNotifications(page);
  await page.mouse.move(900, 300);
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const activityBar = await page.locator('.part.activitybar').boundingBox();
  const item = await sandboxBalance(page, EXPECTED_BALANCE).boundingBox();
  await saveScreenshot(page, screenshotsDir, 'sandbox.png', { clip: clipAround(page, [activityBar, sidebar, item], 0) });
  // The rejected row's tooltip gives the gateway's reason and marks the message as a sandbox one.
  await rowTooltip(page, SENDS[2].label, (text) => /Invalid destination number/.test(text) && /Mode: Sandbox/.test(text));
  await page.keyboard.press('Escape');
}

/** @param {Journey} j */
async function detailsOnClick({ page, screenshotsDir }) {
  // The composer open first, as a user has it: the details page then goes beside it (below).
  await runCommand(page, 'Keccel: Open SMS Composer');
  await (await composerOf(page)).getByLabel('To', { exact: true }).waitFor({ timeout: 20_000 });
  await openKeccelContainer(page);
  await treeRows(page).filter({ hasText: SENDS[0].label }).first().click();
  const details = await waitForWebviewText(page, 'h1', 'SMS to +243 81 234 5678', 20_000);
  await details.getByText('Status changes').waitFor();
  await details.getByRole('button', { name: /Copy Message ID/ }).waitFor();
  await clearNotifications(page);
  await page.mouse.move(900, 300);
  await saveScreenshot(page, screenshotsDir, 'details.png');
  // The page goes to a group of its own on the right of the composer: the reload below must bring it back there,
  // with its text.
  await runCommand(page, 'View: Move Editor into Right Group');
  await waitUntil(async () => (await page.locator('.part.editor .editor-group-container').count()) === 2, 10_000, 'a second editor group');
}

/** @param {Journey} j */
async function reloadRestoresSandbox({ page }) {
  await reloadWindow(page);
  await sandboxBalance(page, EXPECTED_BALANCE).waitFor({ timeout: AFTER_RELOAD_MS });
  if (await statusBarItem(page, 'Set up Keccel').isVisible()) throw new Error('"Set up Keccel" is shown after the reload');
  await openKeccelContainer(page);
  await expectFinalRows(page, 20_000);
  // Still the same account: no second 1000-credit sandbox behind the restored one.
  const text = (await keccelItem(page).innerText()).trim();
  if (new RegExp(`\\b${SANDBOX_START_BALANCE}\\b`).test(text)) throw new Error(`the restored sandbox shows a fresh balance: "${text}"`);  // The details page open before the reload is back, with its text (not an empty group where it was).
  await waitForWebviewText(page, 'h1', 'SMS to +243 81 234 5678', 20_000).catch(async (error) => {
    error.message = `the details page open before the reload did not come back with its text: ${error.message}\n  on screen: ${await screenState(page)}`;
    throw error;
  });
}

/** @param {Journey} j */
async function slowSendInFlight({ page, userDataDir }) {
  await runCommand(page, 'Keccel: Open SMS Composer');
  const composer = await composerOf(page, 30_000);
  await composer.getByLabel('To', { exact: true }).waitFor({ timeout: 20_000 });
  await composer.getByLabel('To', { exact: true }).fill(SLOW.to);
  await composer.getByLabel('Message', { exact: true }).fill(INTERRUPTED_MESSAGE);
  await composer.getByRole('button', { name: /^send/i }).first().click();
  await confirmSend(page);
  await openKeccelContainer(page);
  await slowRows(page).filter({ hasText: /Sending…/ }).first().waitFor({ timeout: 15_000 });
  if ((await slowRows(page).first().locator('.codicon-loading.codicon-modifier-spin').count()) !== 1) {
    throw new Error('the in-flight row has no spinning icon');
  }
  await composer.locator('#outcome', { hasText: /Sending/ }).waitFor({ timeout: 10_000 });
  if (sandboxSendsTo(userDataDir, SLOW.to) > 1) throw new Error('the sandbox took the send more than once');
}

/** @param {Journey} j */
async function reloadWhileWaiting({ page, userDataDir }) {
  // The user turns the confirmation off in settings.json now, so the window after the reload starts with it off
  // (a step below checks that a send after an unknown outcome still asks). Written before the reload, it is read
  // at start: no step has to guess when a running window noticed the change.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'keccel.confirmBeforeSend': false }, null, 2));
  await reloadWindow(page);
  await openKeccelContainer(page);
  await slowRows(page).filter({ hasText: /Interrupted/ }).first().waitFor({ timeout: AFTER_RELOAD_MS });
  if ((await slowRows(page).count()) !== 1) throw new Error(`expected one row for ${SLOW.label}, found ${await slowRows(page).count()}`);
  const composer = await composerOf(page, 30_000);
  const box = composer.locator('#outcome', { hasText: /Last send interrupted/ });
  await box.waitFor({ timeout: 20_000 });
  // The box links to the record in the history.
  await box.getByRole('button', { name: /Show in History/ }).waitFor({ timeout: 5_000 });
  const draft = await composer.getByLabel('Message', { exact: true }).inputValue();
  if (draft !== INTERRUPTED_MESSAGE) throw new Error(`the draft did not survive the reload: "${draft}"`);
  const sends = sandboxSendsTo(userDataDir, SLOW.to);
  if (sends !== 1) throw new Error(`the sandbox took ${sends} sends to ${SLOW.to}, expected exactly one`);
}

/** @param {Journey} j */
async function detailsAfterReload({ page }) {
  // Still the window of the reload, the composer restored in it: the details page must show its text at once.
  await openKeccelContainer(page);
  await treeRows(page).filter({ hasText: SENDS[0].label }).first().click();
  const details = await waitForWebviewText(page, 'h1', 'SMS to +243 81 234 5678', 6_000).catch(async (error) => {
    error.message = `the details page opened after the reload did not show its text within 6 s: ${error.message}\n  on screen: ${await screenState(page)}`;
    throw error;
  });
  await details.getByText(MESSAGE).first().waitFor({ timeout: 2_000 });
  // Back to the composer for the next step.
  await runCommand(page, 'Keccel: Open SMS Composer');
  await (await composerOf(page)).locator('#outcome', { hasText: /Last send interrupted/ }).waitFor({ timeout: 20_000 });
}

/** @param {Journey} j */
async function sendAgainStillAsks({ page, userDataDir }) {
  const composer = await composerOf(page, 30_000);
  await composer.getByLabel('Message', { exact: true }).click();
  await page.keyboard.press('Control+Enter');
  const dialog = page.locator('.monaco-dialog-box', { hasText: /Send this message again/ });
  await dialog.waitFor({ timeout: 15_000 });
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  if (focused !== "Don't Send") throw new Error(`the dialog's default (focused) button is "${focused}", not "Don't Send"`);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  await composer.locator('#outcome', { hasText: /Last send interrupted/ }).waitFor({ timeout: 10_000 });
  const sends = sandboxSendsTo(userDataDir, SLOW.to);
  if (sends !== 1) throw new Error(`the sandbox took ${sends} sends to ${SLOW.to} after "Don't Send"`);
  if ((await slowRows(page).count()) !== 1) throw new Error('a second attempt to the slow number is in the history');
}

/** @param {Journey} j @returns {Promise<string>} the code sent */
async function sendOtp({ page }) {
  await clearNotifications(page);
  await runCommand(page, 'Keccel: Send OTP');
  await answerInput(page, '0991234567');
  // The French template, 6 digits and 300 s are offered: accept each as it is.
  for (const offered of ['Votre code de vérification est %OTP%', '6', '300']) {
    await waitUntil(async () => (await page.locator('.quick-input-widget input.input').inputValue()) === offered, 10_000, `the offered "${offered}"`);
    await answerInput(page, offered);
  }
  let shown = '';
  await confirmSend(page, { beforeConfirm: async (which) => { shown = await confirmationText(page, which); } });
  if (!/6-digit code to \+243 99 123 4567 \(Airtel\)/.test(shown) || !/Sandbox/.test(shown)) {
    throw new Error(`the OTP confirmation does not name the code, the recipient and the sandbox: "${shown}"`);
  }
  // The notification comes as the send completes: read the code there first, then find it in the row.
  const toast = page.locator('.notification-toast', { hasText: /Code sent to \+243 99 123 4567 \(sandbox\)\. The code is \d{6}\./ }).first();
  await toast.waitFor({ timeout: 20_000 });
  return /The code is (\d{6})\./.exec(await toast.innerText())[1];
}

/** @param {Journey} j */
async function otpCodeInRow(j) {
  const { page, screenshotsDir } = j;
  const code = j.otpCode;
  await openKeccelContainer(page);
  await waitUntil(async () => (await readTreeRows(page)).some((r) => r.label === '099 123 4567' && r.description.startsWith(`OTP ${code} · `) &&
    r.description.endsWith(' · Airtel')), 20_000, `the OTP row with its code ${code}`);
  // The README's otp.png: the row and its tooltip, where a developer reads the code to type into the app.
  await clearNotifications(page);
  const { box } = await rowTooltip(page, '099 123 4567',
    (text) => text.includes(`One-time code: ${code}`) && text.includes(`Votre code de vérification est ${code}`));
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  await saveScreenshot(page, screenshotsDir, 'otp.png', { clip: clipAround(page, [sidebar, box], 0) });
  await page.keyboard.press('Escape');
}

/** @param {Journey} j */
async function validateOtpTwice({ page, otpCode: code }) {
  for (const verdict of [`The code ${code} is valid for +243 99 123 4567`, `The code ${code} is not valid for +243 99 123 4567: This code was already used`]) {
    await clearNotifications(page);
    await runCommand(page, 'Keccel: Validate OTP');
    // The number the code went to is offered.
    await waitUntil(async () => (await page.locator('.quick-input-widget input.input').inputValue()) === '243991234567', 10_000, 'the offered recipient');
    await answerInput(page, '243991234567');
    await answerInput(page, code);
    await page.locator('.notification-toast', { hasText: verdict }).first().waitFor({ timeout: 10_000 });
  }
}

/** @param {Journey} j */
async function appSendsWithCurl({ page, url, sandboxPort }) {
  // The connection as the user hands it to an app: Copy Sandbox Connection (.env), read from the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await runCommand(page, 'Keccel: Copy Sandbox Connection (.env)');
  let env = '';
  await waitUntil(async () => /KECCEL_TOKEN=/.test((env = await page.evaluate(() => navigator.clipboard.readText()))), 10_000, 'the .env lines in the clipboard');
  const baseUrl = /^KECCEL_BASE_URL=(.+)$/m.exec(env)?.[1];
  const token = /^KECCEL_TOKEN=(.+)$/m.exec(env)?.[1];
  if (baseUrl !== `http://127.0.0.1:${sandboxPort}/sms/v2`) throw new Error(`the sandbox is not on keccel.sandbox.port ${sandboxPort}: "${env}"`);
  const body = JSON.stringify({ token, to: '243971234567', from: 'MYAPP', message: 'Votre commande 42 est prete' });
  const { stdout } = await promisify(execFile)('curl', ['-s', '-X', 'POST', `${baseUrl}/message.asp`, '-H', 'Content-Type: application/json', '-d', body]);
  if (!/"SENT"/.test(stdout)) throw new Error(`the sandbox did not accept curl's send: ${stdout}`);
  await openKeccelContainer(page);
  await treeRows(page).filter({ hasText: '097 123 4567' }).first().waitFor({ timeout: 10_000 });
  await waitUntil(async () => / · Airtel · app$/.test((await readTreeRows(page)).find((r) => r.label === '097 123 4567')?.description ?? ''), 10_000,
    'the app row described "… · Airtel · app"');
  await rowTooltip(page, '097 123 4567',
    (text) => /Sent by: another client of the sandbox/.test(text) && /Votre commande 42 est prete/.test(text));
  await page.keyboard.press('Escape');
}

/** @param {Journey} j */
async function stopSandbox({ page }) {
  await runCommand(page, 'Keccel: Stop Sandbox');
  await statusBarItem(page, 'Set up Keccel').waitFor({ timeout: 15_000 });
  await waitUntil(async () => !(await statusBarItem(page, /Sandbox/).isVisible()), 10_000, 'the Sandbox marker to go');
  await openKeccelContainer(page);
  await tryButton(page).waitFor({ timeout: 15_000 });
  await waitUntil(async () => (await treeRows(page).count()) === 0, 10_000,
    'the sandbox rows to leave the live view');
  const text = (await statusBarItem(page, 'Set up Keccel').innerText()).trim();
  if (/\d/.test(text)) throw new Error(`the status bar shows a number after Stop Sandbox: "${text}"`);
  if (await page.locator('.part.sidebar .composite.title', { hasText: /Sandbox/ }).first().isVisible()) {
    throw new Error('the view title still says Sandbox after Stop Sandbox');
  }
}

/** @param {Journey} j */
async function walkthroughProgress({ page, screenshotsDir }) {
  // Alone in the editor area, as a user who comes back to it: with the composer and the details page beside it, the
  // page is too narrow to show the step's picture.
  await runCommand(page, 'View: Close All Editors');
  await waitUntil(async () => (await page.locator('.part.editor .tabs-container .tab').count()) === 0, 10_000, 'the editors to close');
  await runCommand(page, 'Keccel: Getting Started');
  await expectWalkthrough(page, WALKTHROUGH_STEPS.slice(0, 5), 20_000);
  const step = walkthroughStep(page, 'SMS texts in your code');
  await step.click(); // selects the step: its text and button show
  await step.locator('.monaco-button', { hasText: 'Check SMS Texts' }).click({ timeout: 10_000 });
  await expectWalkthrough(page, WALKTHROUGH_STEPS.slice(0, 6), 20_000);
  if (screenshotsDir) await saveWalkthroughScreenshot(page, screenshotsDir);
}

/**
 * The README's walkthrough.png: the steps the journey did ticked, "Go live" open with its buttons and its picture.
 * The picture is drawn in a webview of its own, which shows the previous step's picture until it changes: it is
 * recognised by the first path of media/walkthrough/live.svg.
 */
async function saveWalkthroughScreenshot(page, screenshotsDir) {
  const goLive = walkthroughStep(page, 'Go live');
  await goLive.click();
  await goLive.locator('.monaco-button', { hasText: 'Diagnose Connection' }).waitFor({ timeout: 10_000 });
  const svg = fs.readFileSync(new URL('../../media/walkthrough/live.svg', import.meta.url), 'utf8');
  const firstPath = /<path [^>]*\bd="([^"]+)"/.exec(svg)[1];
  await waitUntil(async () => {
    for (const frame of page.frames()) {
      if (await frame.locator(`svg path[d="${firstPath}"]`).count().catch(() => 0) > 0) return true;
    }
    return false;
  }, 10_000, 'the picture of "Go live" (media/walkthrough/live.svg)');
  await clearNotifications(page);
  await page.mouse.move(900, 860); // no hover highlight on a step
  // The same pixels in every run: VS Code fades a scroll bar out (0.8 s) after the pointer leaves its list, so the
  // picture waits until none shows; it leaves out the tab bar, whose top line changes with the focus.
  await waitUntil(() => page.locator('.part.editor .scrollbar.vertical').evaluateAll((bars) =>
    bars.every((bar) => bar.getClientRects().length === 0 || getComputedStyle(bar).opacity === '0')), 10_000, 'the scroll bars to fade out');
  const pageBox = await page.locator('.part.editor .editor-container').filter({ visible: true }).first().boundingBox();
  await saveScreenshot(page, screenshotsDir, 'walkthrough.png', { clip: pageBox });
}

/** The journey, in order: [what the step checks, the step]. */
const STEPS = [
  ['fresh window with no token: welcome content, "Set up Keccel" and no credit in the status bar', freshWindow],
  ['the welcome view\'s "Getting Started" opens the walkthrough: its title and seven steps, none checked', walkthroughFromWelcome],
  [`"Try the Sandbox" in the welcome view: Sandbox marker and ${SANDBOX_START_BALANCE} SMS in the status bar`, trySandbox],
  ['the walkthrough\'s "Try the sandbox" is checked off, and only it', walkthroughSandboxChecked],
  ['send to a normal number and two magic numbers through the palette; the confirmation says Sandbox', sendThroughPalette],
  [`the rows turn Delivered / Failed / Rejected and the balance drops to ${EXPECTED_BALANCE}`, finalStatesAndBalance],
  ['with the composer open, a click on a row opens its details page: text, parts, status changes, actions; the page moves to a side group', detailsOnClick],
  ['Developer: Reload Window: the sandbox comes back with its balance and its rows, the details page with its text', reloadRestoresSandbox],
  ['Keccel: Send OTP… through the palette: the confirmation names the code, the notification gives it', async (j) => { j.otpCode = await sendOtp(j); }],
  ['the OTP row shows the code, and so does its tooltip (Ctrl+K Ctrl+I on the row)', otpCodeInRow],
  ['Keccel: Validate OTP… says valid once, then already used', validateOtpTwice],
  ['an app sends with curl from outside VS Code: its row appears in the tree, marked app', appSendsWithCurl],
  // From here confirmBeforeSend is off (set in settings.json before the reload): the sends above asked.
  ['composer: a send to the slow magic number is in the history at once (spinning row) while its answer is awaited', slowSendInFlight],
  ['Developer: Reload Window while it waits: the row turns Interrupted, the composer says so, one send at the sandbox', reloadWhileWaiting],
  ['in the reloaded window, a click on a row opens its details page with its text within 6 s', detailsAfterReload],
  ['with confirmBeforeSend off, Ctrl+Enter on the same draft still asks, "Don\'t Send" being the default: Enter sends nothing', sendAgainStillAsks],
  ['Keccel: Stop Sandbox: "Set up Keccel" again and the live history, empty, with its welcome content', stopSandbox],
  ['Keccel: Getting Started: the five steps the journey did are checked; the "SMS texts" step\'s button checks it off', walkthroughProgress],
];

/**
 * @param {object} ctx
 * @param {import('playwright-core').Page} ctx.page
 * @param {string} ctx.url workbench URL
 * @param {string | undefined} ctx.screenshotsDir where the README's PNGs go (undefined: none saved)
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} ctx.step
 * @param {string} ctx.userDataDir code-server's user data folder
 * @param {number} ctx.sandboxPort the keccel.sandbox.port of the run
 */
export async function sandboxJourney({ page, url, screenshotsDir, step, userDataDir, sandboxPort }) {
  if (screenshotsDir) fs.mkdirSync(screenshotsDir, { recursive: true });
  /** @type {Journey & { otpCode?: string }} */
  const journey = { page, url, screenshotsDir, userDataDir, sandboxPort };
  for (const [name, run] of STEPS) await step(name, () => run(journey));
}
