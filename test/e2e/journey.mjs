// The user journey of Keccel SMS, through the UI only, in code-server + headless Chromium (run by
// scripts/run-e2e.mjs, which installs the packaged .vsix, starts a simulator as the gateway and hands us the page).
// Each step prints its duration; the first failure ends the run (the runner saves a screenshot of it).
import fs from 'node:fs';
import path from 'node:path';
import {
  reloadWindow,
  answerInput, clearNotifications, clipAround, confirmSend, hoverFor, openKeccelContainer, quickInputText, runCommand, statusBarItem, treeRows, waitForWorkbench,
  waitUntil, webview,
} from './workbench.mjs';

/**
 * @param {object} ctx
 * @param {import('playwright-core').Page} ctx.page
 * @param {string} ctx.url workbench URL
 * @param {string} ctx.token the simulator's account token
 * @param {import('../../src/simulator').KeccelSimulator} ctx.sim
 * @param {string} ctx.screenshotsDir where the README's PNGs go
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} ctx.step
 */
export async function journey({ page, url, token, sim, screenshotsDir, step }) {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const shot = (name, options = {}) => page.screenshot({ path: path.join(screenshotsDir, name), ...options });
  const balanceText = () => String(sim.balance);

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
    await hoverFor(page, treeRows(page).filter({ hasText: /Airtel/ }).first());
    await shot('tree.png');
  });

  await step('the status bar shows the balance after the sends', async () => {
    const item = statusBarItem(page, new RegExp(`\\b${balanceText()}\\b`));
    await item.waitFor({ timeout: 20_000 });
    await page.mouse.move(900, 300);
    const hover = await hoverFor(page, item);
    const itemBox = await item.boundingBox();
    await shot('statusbar.png', { clip: clipAround(page, [itemBox, hover, { ...itemBox, width: 480 }]) });
  });

  await step('a draft in the composer, then Reload Window', async () => {
    await runCommand(page, 'Keccel: Open SMS Composer');
    await composer.getByLabel('Message', { exact: true }).fill('Brouillon à garder');
    await page.waitForTimeout(800); // the webview saves its state on input; give it a moment to reach the host
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForTimeout(1000);
    await waitForWorkbench(page);
  });

  await step('after the reload: token, history and draft are still there', async () => {
    await statusBarItem(page, new RegExp(`\\b${balanceText()}\\b`)).waitFor({ timeout: 30_000 });
    await openKeccelContainer(page);
    await treeRows(page).filter({ hasText: /Delivered.*Vodacom/ }).first().waitFor({ timeout: 20_000 });
    await treeRows(page).filter({ hasText: /Delivered.*Airtel/ }).first().waitFor({ timeout: 20_000 });
    const message = composer.getByLabel('Message', { exact: true });
    await message.waitFor({ timeout: 20_000 });
    const draft = await message.inputValue();
    if (draft !== 'Brouillon à garder') throw new Error(`the composer draft did not survive the reload: "${draft}"`);
  });

  await step('typing in the composer right after a reload keeps every character', async () => {
    await reloadWindow(page);
    // As soon as the restored composer shows its text field, type: the extension's restored draft arrives while
    // the user is typing and must not overwrite a single keystroke.
    const message = composer.getByLabel('Message', { exact: true });
    await message.waitFor({ timeout: 30_000 });
    await message.click();
    await page.keyboard.press('End');
    const typed = ' puis la suite tapée tout de suite';
    await page.keyboard.type(typed, { delay: 15 });
    const expected = `Brouillon à garder${typed}`;
    // Wait past the extension's init (the Send hint is filled by it), then read the field again.
    await composer.locator('#send-hint', { hasText: /Enter/ }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    const value = await message.inputValue();
    if (value !== expected) throw new Error(`keystrokes lost after the reload: "${value}" instead of "${expected}"`);
  });
}
