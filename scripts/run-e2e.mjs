#!/usr/bin/env node
// `npm run test:e2e`: the user journey (test/e2e/journey.mjs) in headless Chromium against code-server with the
// packaged dist/keccel-sms.vsix installed, and the project's simulator (out/src/simulator) as the gateway in this
// process. UI only: palette, input boxes, the tree, the status bar, the composer webview. Saves the README's
// screenshots in media/screenshots/. Exit code = verdict; the whole run has a global timeout.
//   KECCEL_E2E_TIMEOUT_MS   global timeout (default 240000)
//   KECCEL_KEEP_RUN_DIR=1   keep the run folder (code-server log, failure screenshot) even on success
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchChromium } from './lib/browser.mjs';
import { installExtension, makeRunDir, removeRunDir, runLayout, startCodeServer, tail, workbenchUrl } from './lib/codeServer.mjs';
import { repoRoot, vsixPath } from './lib/paths.mjs';
import { ensureProvisioned } from './lib/provisioning.mjs';

const E2E_TOKEN = 'e2e-account-token-7d41';
const simulatorModule = path.join(repoRoot, 'out', 'src', 'simulator', 'index.js');
const screenshotsDir = path.join(repoRoot, 'media', 'screenshots');
const timeoutMs = Number(process.env.KECCEL_E2E_TIMEOUT_MS) || 240_000;
const log = (line) => console.log(`[e2e] ${line}`);

async function main() {
  for (const [file, hint] of [[vsixPath, 'npm run package'], [simulatorModule, 'npm run compile-tests']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run "${hint}" first`);
  }
  await ensureProvisioned();
  const started = Date.now();
  const { KeccelSimulator } = createRequire(import.meta.url)(simulatorModule);
  const { journey } = await import('../test/e2e/journey.mjs');

  const runDir = makeRunDir('e2e');
  const layout = runLayout(runDir);
  let sim;
  let server;
  let browser;
  let ok = false;
  const deadline = setTimeout(() => {
    log(`FAILED: global timeout of ${timeoutMs / 1000} s (run folder ${runDir})`);
    process.exit(1); // the exit handler of codeServer.mjs kills the server's process group
  }, timeoutMs);
  try {
    const expiration = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 11, 31, 22, 0, 0));
    sim = new KeccelSimulator({ port: 0, token: E2E_TOKEN, balance: 645, expiration, deliveryDelayMs: 1500 });
    const apiBaseUrl = await sim.start();
    log(`simulator ${apiBaseUrl}`);
    log(installExtension(layout, vsixPath).split('\n').pop());
    server = await startCodeServer({
      layout,
      settings: {
        'keccel.apiBaseUrl': apiBaseUrl,
        'keccel.confirmBeforeSend': true,
        'keccel.delivery.pollIntervalSeconds': 2,
        'keccel.requestTimeoutSeconds': 5,
      },
    });
    log(`code-server ${server.url} (run folder ${runDir})`);
    browser = await launchChromium({ profileDir: path.join(runDir, 'chromium') });
    browser.page.on('pageerror', (error) => { if (/keccel/i.test(error.message)) log(`page error: ${error.message}`); });

    const step = async (name, fn) => {
      const t0 = Date.now();
      try {
        await fn();
      } catch (error) {
        const shot = path.join(runDir, 'failure.png');
        await browser.page.screenshot({ path: shot }).catch(() => {});
        log(`  ✗ ${name} (${Date.now() - t0} ms)\n${error.stack ?? error}\n  screenshot: ${shot}`);
        throw error;
      }
      log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    };
    await journey({ page: browser.page, url: workbenchUrl(server), token: E2E_TOKEN, sim, screenshotsDir, step });
    ok = true;
    log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(repoRoot, screenshotsDir)}/`);
  } catch (error) {
    if (!String(error?.stack ?? '').includes('screenshot')) log(`FAILED: ${error.message ?? error}`);
    if (fs.existsSync(layout.logFile)) log(`code-server log tail:\n${tail(layout.logFile, 15)}`);
    log(`kept the run folder ${runDir}`);
  } finally {
    clearTimeout(deadline);
    await browser?.close();
    await server?.stop();
    await sim?.stop();
    if (ok && !process.env.KECCEL_KEEP_RUN_DIR) removeRunDir(runDir);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  log(`FAILED: ${error.message}`);
  process.exitCode = 1;
});
