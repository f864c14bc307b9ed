// The SMS texts in your code, through the UI only: a controller that sends through Keccel is opened, its French
// text is squiggled, the hover names the culprits and the cost, and the quick fix rewrites it as GSM-7, after
// which the squiggle is gone. Saves the README's screenshot of the hover, when screenshots are asked for (media/screenshots/sms-texts-hover.png).
import fs from 'node:fs';
import path from 'node:path';
import { hoverUntil, runCommand, saveScreenshot, screenState, waitForWorkbench, waitUntil } from './workbench.mjs';

export const TEXTS_FILE = 'notify.js';
export const TEXTS_SOURCE = [
  '// Order notices, sent through the Keccel gateway.',
  "const KECCEL_URL = 'https://api.keccel.com/sms/v2/message.asp';",
  '',
  'async function shipped(phone, name) {',
  '  await fetch(KECCEL_URL, {',
  "    method: 'POST',",
  '    body: new URLSearchParams({',
  '      to: phone,',
  "      from: 'SHOP',",
  '      message: `Bonjour ${name}, votre colis est en route – l’équipe vous remercie !`,',
  '    }),',
  '  });',
  '}',
  '',
].join('\n');

/** For runJourney's `prepare`: the file the journey opens, in the workspace folder. */
export function prepareTextsWorkspace(layout) {
  fs.mkdirSync(layout.workspaceDir, { recursive: true });
  fs.writeFileSync(path.join(layout.workspaceDir, TEXTS_FILE), TEXTS_SOURCE);
  return `wrote ${TEXTS_FILE} in the workspace`;
}

export async function textsJourney({ page, url, screenshotsDir, step }) {
  if (screenshotsDir) fs.mkdirSync(screenshotsDir, { recursive: true });
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  // The text itself, where a user points: the token of the line that holds the SMS text.
  const smsText = page.locator('.view-lines .view-line', { hasText: 'remercie' }).locator('span span', { hasText: 'remercie' }).first();

  await step('workbench loads', async () => {
    await page.goto(url);
    await waitForWorkbench(page);
  });

  await step('the controller opens and its SMS text is squiggled', async () => {
    await runCommand(page, 'Go to File');
    await page.keyboard.type(TEXTS_FILE);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: TEXTS_FILE }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await squiggle.waitFor({ timeout: 60_000 });
  });

  await step('the hover names the encoding, the cost and the culprits', async () => {
    // Driven until the hover shows the SMS facts (a re-render of the line can drop a hover about to show).
    const { text } = await hoverUntil(page, smsText, (shown) => /UCS-2 · 1 SMS/.test(shown), { what: 'the SMS hover' });
    if (!/U\+2019/.test(text)) throw new Error(`the hover does not name ’: ${text}`);
    await saveScreenshot(page, screenshotsDir, 'sms-texts-hover.png');
  });

  await step('the quick fix rewrites the text as GSM-7 and the squiggle goes', async () => {
    const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-label', { hasText: /Replace typographic punctuation|Rewrite as GSM-7/ }).first();
    // Ctrl+. may open no menu when it comes before the editor has asked for the code actions at the caret (or
    // while a hover still holds the keyboard): driven until the menu with our fix shows, a bounded number of times.
    let shown = false;
    for (let attempt = 0; attempt < 4 && !shown; attempt++) {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await smsText.click();
      await page.keyboard.press('Control+.');
      shown = await fix.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    }
    if (!shown) throw new Error(`the quick fix menu did not show after 4 tries\n  on screen: ${await screenState(page)}`);
    await fix.click();
    await waitUntil(async () => (await page.locator('.monaco-editor .squiggly-warning').count()) === 0, 20_000, 'the squiggle to go');
    const line = await page.locator('.monaco-editor .view-lines').innerText();
    if (!/l'équipe vous remercie/.test(line.replace(/\u00a0/g, ' '))) throw new Error(`the text was not rewritten: ${line}`);
  });
}
