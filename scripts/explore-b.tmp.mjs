import path from 'node:path';
import { launchChromium } from './lib/browser.mjs';
import { installExtension, makeRunDir, runLayout, startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { vsixPath } from './lib/paths.mjs';
import { answerInput, confirmSend, openKeccelContainer, reloadWindow, runCommand, screenState, treeRows, waitForWebviewText, waitForWorkbench, waitUntil, quickInputText, webview } from '../test/e2e/workbench.mjs';
const runDir = makeRunDir('explore-b');
const layout = runLayout(runDir);
installExtension(layout, vsixPath);
const server = await startCodeServer({ layout, settings: { 'keccel.sandbox.port': 0, 'keccel.confirmBeforeSend': true }, env: { KECCEL_SANDBOX: '0' } });
const browser = await launchChromium({ profileDir: path.join(runDir, 'chromium') });
const page = browser.page;
const t = () => new Date().toISOString().slice(11, 23);
try {
  await page.goto(workbenchUrl(server));
  await waitForWorkbench(page);
  await openKeccelContainer(page);
  await page.locator('.welcome-view-content .monaco-button', { hasText: 'Try the Sandbox' }).first().click();
  await page.locator('.statusbar-item', { hasText: /Sandbox/ }).first().waitFor({ timeout: 20000 });
  await runCommand(page, 'Keccel: Send SMS');
  await answerInput(page, '0812345678');
  await waitUntil(async () => (await quickInputText(page)) !== '', 10_000, 'msg');
  await answerInput(page, 'hello there');
  await confirmSend(page);
  await treeRows(page).first().waitFor({ timeout: 20000 });
  const mode = process.argv[2] ?? 'a';
  await runCommand(page, 'Keccel: Open SMS Composer');
  await webview(page).getByLabel('To', { exact: true }).waitFor({ timeout: 20000 });
  await treeRows(page).first().click();
  await waitForWebviewText(page, 'h1', 'SMS to', 20000);
  console.log(t(), 'details shown before reload');
  if (mode === 'a') {
    await runCommand(page, 'View: Move Editor into Right Group');
  }
  await page.waitForTimeout(1500);
  console.log(t(), 'before reload', await screenState(page));
  await page.screenshot({ path: `/tmp/wt14x/${mode}-0.png` });
  await reloadWindow(page);
  await webview(page).getByLabel('To', { exact: true }).waitFor({ timeout: 30000 }).catch(() => console.log('no composer To'));
  await openKeccelContainer(page);
  await page.waitForTimeout(500);
  console.log(t(), 'after reload', await screenState(page));
  await page.screenshot({ path: `/tmp/wt14x/${mode}-1.png` });
  await treeRows(page).first().click();
  const t0 = Date.now();
  const ok = await waitForWebviewText(page, 'h1', 'SMS to', 15000).then(() => true, (e) => { console.log(e.message); return false; });
  console.log(t(), 'details after reload', ok, Date.now() - t0, 'ms', await screenState(page));
  await page.screenshot({ path: `/tmp/wt14x/${mode}-2.png` });
} finally {
  await browser.close();
  await server.stop();
}
