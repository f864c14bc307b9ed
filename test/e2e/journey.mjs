// The user journey of Keccel SMS, through the UI only, in code-server + headless Chromium (run by
// scripts/run-e2e.mjs, which installs the packaged .vsix, starts a simulator as the gateway and hands us the page).
// Each step prints its duration; the first failure ends the run (the runner saves a screenshot of it).
import fs from 'node:fs';
import {
  answerInput, clearNotifications, clipAround, confirmSend, hoverUntil, installWebviewScriptGate, openKeccelContainer, quickInputText,
  reloadWindow, rowTooltip, runCommand, saveScreenshot, screenState, statusBarItem, treeRows, waitForWebviewText, waitForWorkbench, waitUntil,
  webview,
} from './workbench.mjs';

/**
 * @param {object} ctx
 * @param {import('playwright-core').Page} ctx.page
 * @param {string} ctx.url workbench URL
 * @param {string} ctx.token the simulator's account token
 * @param {import('../../src/simulator').KeccelSimulator} ctx.sim
 * @param {string | undefined} ctx.screenshotsDir where the README's PNGs go (undefined: none saved)
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} ctx.step
 */
export async function journey({ page, url, token, sim, screenshotsDir, step }) {
  if (screenshotsDir) fs.mkdirSync(screenshotsDir, { recursive: true });
  const shot = (name, options = {}) => saveScreenshot(page, screenshotsDir, name, options);
  const balanceText = () => String(sim.balance);
  const scriptGate = await installWebviewScriptGate(page);

  await step('workbench loads', async () => {
    await page.goto(url);
    await waitForWorkbench(page);
  });

  await step('the Keccel container shows its welcome view with set-token and sandbox buttons', async () => {
    await openKeccelContainer(page);
    const welcome = page.locator('.welcome-view-content').first();
    await welcome.waitFor({ timeout: 30_000 });
    await welcome.locator('.monaco-button', { hasText: /token/i }).first().waitFor();
    await welcome.locator('.monaco-button', { hasText: /sandbox/i }).first().waitFor();
    await statusBarItem(page, /Keccel/i).waitFor({ timeout: 15_000 });
    await shot('welcome.png');
  });

  await step('set the token from the palette (password box)', async () => {
    await runCommand(page, 'Keccel: Set API Token');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await page.locator('.quick-input-widget input[type="password"]').fill(token);
    await shot('set-token.png');
    await page.locator('.quick-input-widget input[type="password"]').press('Enter');
    await statusBarItem(page, new RegExp(`\\b${balanceText()}\\b`)).waitFor({ timeout: 20_000 });
  });

  await step('send through the palette: recipient, message, confirmation', async () => {
    await runCommand(page, 'Keccel: Send SMS');
    await answerInput(page, '081 234 5678');
    await waitUntil(async () => (await quickInputText(page)) !== '', 10_000, 'the message box');
    await page.locator('.quick-input-widget input.input').fill('Mbote! Rappel: réunion à 15h.');
    await shot('send-palette.png');
    await page.locator('.quick-input-widget input.input').press('Enter');
    const how = await confirmSend(page, { beforeConfirm: () => shot('send-confirm.png') });
    console.log(`[e2e]     (confirmation shown as a ${how})`);
    await treeRows(page).filter({ hasText: /Vodacom/ }).first().waitFor({ timeout: 20_000 });
  });

  const composer = webview(page);
  await step('composer: French text is UCS-2, the rewrite makes it GSM-7', async () => {
    await runCommand(page, 'Keccel: Open SMS Composer');
    await composer.getByLabel('To', { exact: true }).waitFor({ timeout: 20_000 });
    await composer.getByLabel('From', { exact: true }).waitFor();
    await composer.getByLabel('To', { exact: true }).fill('0991234567');
    await composer.getByLabel('Message', { exact: true }).fill('Bonne fête! Êtes-vous prêts pour la fête?');
    await composer.getByText(/UCS-2/).first().waitFor({ timeout: 10_000 });
    // The icons are drawn: the send button's glyph comes from the codicon font (the shared icons stylesheet).
    const glyph = await composer.locator('#send-icon').evaluate((node) => {
      const style = getComputedStyle(node, '::before');
      return { content: style.content, font: style.fontFamily };
    });
    if (glyph.content === 'none' || glyph.content === '' || !/codicon/.test(glyph.font)) {
      throw new Error(`the send button's icon is not drawn: ${JSON.stringify(glyph)}`);
    }
    await shot('composer.png');
    await composer.getByRole('button', { name: /GSM-7|rewrite|convert/i }).first().click();
    await waitUntil(async () => !(await composer.getByText(/UCS-2/).first().isVisible()), 10_000, 'UCS-2 to disappear');
    await composer.getByText(/GSM-7/).first().waitFor();
    const text = await composer.getByLabel('Message', { exact: true }).inputValue();
    if (/[êÊ]/.test(text)) throw new Error(`the rewrite left non-GSM-7 characters: "${text}"`);
  });

  await step('composer: send', async () => {
    await composer.getByRole('button', { name: /^send/i }).first().click();
    await confirmSend(page);
    await treeRows(page).filter({ hasText: /Airtel/ }).first().waitFor({ timeout: 20_000 });
  });

  await step('the messages turn Delivered in the tree', async () => {
    await openKeccelContainer(page);
    await treeRows(page).filter({ hasText: /Delivered.*Vodacom/ }).first().waitFor({ timeout: 30_000 });
    await treeRows(page).filter({ hasText: /Delivered.*Airtel/ }).first().waitFor({ timeout: 30_000 });
    // The composer's result box follows the message it sent, without a click.
    await composer.locator('#outcome', { hasText: /Delivered/ }).waitFor({ timeout: 15_000 });
    await clearNotifications(page);
    await rowTooltip(page, '099 123 4567', (text) => /Delivered/.test(text) && /Airtel/.test(text));
    await shot('tree.png');
    await page.keyboard.press('Escape');
  });

  await step('the status bar shows the balance after the sends', async () => {
    const item = statusBarItem(page, new RegExp(`\\b${balanceText()}\\b`));
    await item.waitFor({ timeout: 20_000 });
    const { box: hover } = await hoverUntil(page, item, (text) => text.includes(balanceText()), { what: 'the balance tooltip' });
    const itemBox = await item.boundingBox();
    await shot('statusbar.png', { clip: clipAround(page, [itemBox, hover, { ...itemBox, width: 480 }]) });
    await page.mouse.move(900, 300);
  });

  await step('a draft in the composer, then Reload Window', async () => {
    await runCommand(page, 'Keccel: Open SMS Composer');
    // A number other than the one the next step types, so that losing its keys shows.
    await composer.getByLabel('To', { exact: true }).fill('0812345678');
    await composer.getByLabel('Message', { exact: true }).fill('Brouillon à garder');
    // The webview posts its state (setState) from the input event, before fill returns; the palette's own events
    // come after it, so the reload below finds it saved (and the next step fails if it is not).
    await reloadWindow(page);
  });

  await step('after the reload: token, history and draft are still there', async () => {
    // After a reload the new extension host starts and activates: over 30 s was seen on a loaded machine.
    await statusBarItem(page, new RegExp(`\\b${balanceText()}\\b`)).waitFor({ timeout: 90_000 });
    await openKeccelContainer(page);
    await treeRows(page).filter({ hasText: /Delivered.*Vodacom/ }).first().waitFor({ timeout: 20_000 });
    await treeRows(page).filter({ hasText: /Delivered.*Airtel/ }).first().waitFor({ timeout: 20_000 });
    const message = composer.getByLabel('Message', { exact: true });
    await waitUntil(async () => (await message.inputValue()) === 'Brouillon à garder', 20_000, 'the draft "Brouillon à garder" in the composer')
      .catch(async (error) => { error.message += ` (shown: "${await message.inputValue().catch(() => '?')}")`; throw error; });
  });

  await step('right after a reload, select all in To and type before the composer\'s script has run: every key stays', async () => {
    // The form is on screen before its script runs (and, after a reload, before the saved draft is put back): the
    // gate holds composer.js until the keys are typed, which a user on a busy machine does without any gate.
    scriptGate.arm('composer.js');
    const to = composer.getByLabel('To', { exact: true });
    try {
      await reloadWindow(page);
      await to.waitFor({ timeout: 90_000 });
      await scriptGate.waitHeld(30_000);
      await to.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0991234567');
    } finally {
      scriptGate.release();
    }
    // The extension's init fills the Send hint: from then on nothing else restores the draft.
    await composer.locator('#send-hint', { hasText: /Enter/ }).waitFor({ timeout: 30_000 });
    const shown = { to: await to.inputValue(), message: await composer.getByLabel('Message', { exact: true }).inputValue() };
    const expected = { to: '0991234567', message: 'Brouillon à garder' };
    if (JSON.stringify(shown) !== JSON.stringify(expected)) {
      throw new Error(`keys typed right after the reload were lost or the draft not restored: ${JSON.stringify(shown)} instead of ${JSON.stringify(expected)}`);
    }
  });

  await step('in the same window, a click on a history row opens its details page with its text within 6 s', async () => {
    await openKeccelContainer(page);
    await treeRows(page).filter({ hasText: /Airtel/ }).first().click();
    const details = await waitForWebviewText(page, 'h1', 'SMS to +243 99 123 4567', 6_000).catch(async (error) => {
      error.message = `the details page did not show its text within 6 s: ${error.message}\n  on screen: ${await screenState(page)}`;
      throw error;
    });
    await details.getByText('Status changes').waitFor({ timeout: 2_000 });
  });
}
