// Debian's Chromium driven by playwright-core (never `npx playwright install`: it downloads a browser). Each
// launch gets a fresh profile folder; SecretStorage lives in that profile, so it survives a page reload (the
// "Reload Window" journey) and never leaks between runs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumBin } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** @returns {Promise<{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void>}>} */
export async function launchChromium({ profileDir, viewport = { width: 1400, height: 900 }, headless = true }) {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(path.resolve(profileDir), {
    executablePath: chromiumBin,
    headless,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context,
    page,
    close: async () => { await context.close().catch(() => {}); },
  };
}
