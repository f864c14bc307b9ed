// The French journey of Keccel SMS, through the UI only: a French-speaking newcomer (VS Code started with
// `--locale fr` and a stub French language pack, see languagePack.mjs) sees the welcome view, the status bar and the
// palette in French, starts the sandbox from the welcome button, types a bad number and reads the French validation
// message, then sends to a good number and reads the French confirmation, notification and tree-row status.
// Every expected text comes from the extension's own bundles (package.nls.fr.json, l10n/bundle.l10n.fr.json), so a
// missing or English string fails the step that shows it. Run by scripts/run-e2e.mjs in its own code-server and
// browser profile, after journey.mjs and sandboxJourney.mjs.
import fs from 'node:fs';
import path from 'node:path';
import {
  answerInput, clearNotifications, confirmSend, confirmationText, inputBoxMessage, openKeccelContainer, quickInputText,
  paletteRow, readTreeRows, runCommand, saveScreenshot, statusBarItem, treeRows, waitForWorkbench, waitUntil,
} from './workbench.mjs';

const readJson = (repoRoot, file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/** `template` with its {0}, {1}… placeholders as "anything": matches the sentence the extension formats. */
function templatePattern(template) {
  const parts = template.split(/\{\d+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.+?'));
}

/** The label of the welcome-view link that runs `command` in a viewsWelcome Markdown text. */
function welcomeLink(markdown, command) {
  const match = markdown.match(new RegExp(`\\[([^\\]]+)\\]\\(command:${command.replace('.', '\\.')}\\)`));
  if (!match) throw new Error(`no [label](command:${command}) link in the welcome text`);
  return match[1];
}

/** The first plain sentence of a welcome text (its first line, before any link). */
const welcomeFirstLine = (markdown) => markdown.split('\n')[0].trim();

const BAD_NUMBER = '081234'; // too short: 4 digits after 081 instead of 9
const GOOD_NUMBER = '0812345678';
const SHOWN_NUMBER = '081 234 5678'; // how the tree labels it
const MESSAGE = 'Bonjour depuis le bac a sable'; // GSM-7, one segment

/**
 * @param {object} ctx
 * @param {import('playwright-core').Page} ctx.page
 * @param {string} ctx.url workbench URL
 * @param {string} ctx.repoRoot where the bundles are read
 * @param {string} ctx.screenshotsDir where french.png goes
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} ctx.step
 */
export async function frenchJourney({ page, url, repoRoot, screenshotsDir, step }) {
  if (screenshotsDir) fs.mkdirSync(screenshotsDir, { recursive: true });
  const nls = readJson(repoRoot, 'package.nls.fr.json');
  const fr = readJson(repoRoot, path.join('l10n', 'bundle.l10n.fr.json'));
  /** The French text of an l10n key; a key missing from the bundle is a failure of its own, not an English pass. */
  const t = (key) => {
    if (typeof fr[key] !== 'string') throw new Error(`l10n/bundle.l10n.fr.json has no entry for "${key}"`);
    return fr[key];
  };

  const welcomeText = nls['welcome.noToken'];
  const setTokenLabel = welcomeLink(welcomeText, 'keccel.setToken');
  const tryLabel = welcomeLink(welcomeText, 'keccel.startSandbox');
  const sendTitle = `Keccel: ${nls['command.sendSms']}`;
  const setUp = t('Set up Keccel');
  const sandboxWord = t('Sandbox');
  const sandboxBalance = (credits) => statusBarItem(page, new RegExp(`${sandboxWord}\\s*·\\s*${credits} SMS\\b`));
  const welcome = page.locator('.welcome-view-content').filter({ visible: true }).first();
  const tryButton = welcome.locator('.monaco-button', { hasText: tryLabel }).first();

  await step(`fresh window in French: welcome text, "${setTokenLabel}" and "${tryLabel}", "${setUp}" in the status bar`, async () => {
    await page.goto(url);
    await waitForWorkbench(page);
    await openKeccelContainer(page);
    await tryButton.waitFor({ timeout: 30_000 });
    await welcome.locator('.monaco-button', { hasText: setTokenLabel }).first().waitFor({ timeout: 5000 });
    const shown = (await welcome.innerText()).replace(/\s+/g, ' ');
    if (!shown.includes(welcomeFirstLine(welcomeText))) throw new Error(`the welcome view is not in French: "${shown}"`);
    await statusBarItem(page, setUp).waitFor({ timeout: 15_000 });
  });

  await step(`the palette lists keccel.sendSms as "${sendTitle}"`, async () => {
    await paletteRow(page, sendTitle);
    await page.keyboard.press('Escape');
  });

  await step(`"${tryLabel}" in the welcome view: "${sandboxWord} · 1000 SMS" and the French notice`, async () => {
    await tryButton.click();
    await sandboxBalance(1000).waitFor({ timeout: 20_000 });
    await page.locator('.notification-toast', { hasText: templatePattern(t('Sandbox on: messages go to the built-in simulator ({0}). Nothing is really sent or charged.')) })
      .first().waitFor({ timeout: 10_000 });
  });

  await step('a too-short number in the palette\'s send flow: the French validation message, no next step', async () => {
    await runCommand(page, sendTitle);
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    // The palette closes and the send flow's box opens in its place: wait for its French title "(1/2)"-like.
    let title = '';
    await waitUntil(async () => templatePattern(t('Send SMS ({0}/{1})')).test(title = await quickInputText(page)), 10_000,
      'the send box with its French title').catch((error) => { error.message += ` (seen: "${title}")`; throw error; });
    await input.fill(BAD_NUMBER);
    const expected = t('Too few digits: a DRC mobile number has 9 digits after 243 or after the leading 0.');
    let seen = '';
    await waitUntil(async () => (seen = await inputBoxMessage(page)).includes(expected), 10_000,
      `the validation message "${expected}"`).catch((error) => { error.message += ` (seen: "${seen}")`; throw error; });
    await input.press('Enter');
    // Whether the flow moved on shows only once the extension handled that Enter. It handles what the box sends in
    // order: after the Enter, a good number, whose validation replaces the error (by the carrier). Once the error is
    // gone the Enter was handled, and the box must still be the number's step.
    await input.fill(GOOD_NUMBER);
    await waitUntil(async () => !(seen = await inputBoxMessage(page)).includes(expected), 10_000, 'the validation error to go for a good number')
      .catch((error) => { error.message += ` (seen: "${seen}")`; throw error; });
    title = await quickInputText(page);
    if (!templatePattern(t('Send SMS ({0}/{1})')).test(title) || !/\(1\/\d+\)/.test(title)) {
      throw new Error(`the send flow moved on past a too-short number: "${title}"`);
    }
  });

  await step('a good number, the message, the French confirmation: "SMS envoyé"-like notice and a French row status', async () => {
    await answerInput(page, GOOD_NUMBER);
    await waitUntil(async () => (await quickInputText(page)) !== '', 10_000, 'the message box');
    await answerInput(page, MESSAGE);
    let shown = '';
    await confirmSend(page, {
      label: templatePattern(t('Send to {0}')),
      beforeConfirm: async (which) => { shown = await confirmationText(page, which); },
    });
    if (!shown.includes(t('Sandbox (simulated, nothing is really sent)'))) {
      throw new Error(`the confirmation does not say, in French, that it is the sandbox: "${shown}"`);
    }
    await page.locator('.notification-toast', { hasText: templatePattern(t('SMS sent to {0} ({1}). Message ID: {2}')) })
      .first().waitFor({ timeout: 15_000 });
    await openKeccelContainer(page);
    const french = [t('Sent'), t('Delivered')];
    let rows = [];
    await waitUntil(async () => {
      rows = await readTreeRows(page);
      return rows.some((r) => r.label === SHOWN_NUMBER && french.some((word) => r.description.startsWith(word)));
    }, 15_000, `the row of ${SHOWN_NUMBER} with a French status (${french.join(' / ')})`)
      .catch((error) => { error.message += `\n  rows seen: ${JSON.stringify(rows)}`; throw error; });
    await sandboxBalance(999).waitFor({ timeout: 15_000 });
  });

  await step('screenshot media/screenshots/french.png (row, status bar, French notice)', async () => {
    // Wait for the delivery report so the picture shows the final French status, then keep the notice in view.
    await waitUntil(async () => (await readTreeRows(page)).some((r) => r.description.startsWith(t('Delivered'))),
      10_000, `the row to turn "${t('Delivered')}"`);
    await page.mouse.move(900, 300);
    await saveScreenshot(page, screenshotsDir, 'french.png');
    await clearNotifications(page);
    if ((await treeRows(page).count()) !== 1) throw new Error('the sandbox view lists more than the one message sent');
  });
}
