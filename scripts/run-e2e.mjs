#!/usr/bin/env node
// `npm run test:e2e`: the user journeys in headless Chromium against code-server with the packaged
// dist/keccel-sms.vsix installed, UI only (palette, input boxes, the tree, the status bar, the composer webview):
//   1. test/e2e/journey.mjs         a live account: the project's simulator (out/src/simulator) runs in this
//                                   process as the gateway, the user sets its token;
//   2. test/e2e/sandboxJourney.mjs  no token and no external gateway: the user tries the built-in sandbox;
//   3. test/e2e/frenchJourney.mjs   the same newcomer in a VS Code started with `--locale fr` (plus a stub French
//                                   language pack, without which code-server ignores the flag): French texts only.
//   4. test/e2e/textsJourney.mjs    the SMS texts in a file of the workspace: squiggle, hover, quick fix;
//   5. test/e2e/accountsJourney.mjs a production account added through the palette (its gateway, a simulator of
//                                   this process), its red status bar and composer badge, a send cancelled.
// Each journey gets its own run folder (code-server user data, extensions, workspace, Chromium profile), so nothing
// the first one stored (token, history, sandbox state) reaches the second. A failing step logs what was on screen
// (hovers, quick input, dialogs, toasts, tree rows, tabs) and leaves failure.png. Exit code = verdict; the whole run
// has a global timeout.
//   KECCEL_SCREENSHOTS=1    (or --screenshots; `npm run screenshots`) also rewrite the README's screenshots in
//                           media/screenshots/; a plain test run never touches them
//   KECCEL_E2E_TIMEOUT_MS   global timeout (default 1200000: three journeys on a loaded 2-core machine)
//   KECCEL_KEEP_RUN_DIR=1   keep the run folders (code-server log, failure screenshot) even on success
//   KECCEL_E2E_ONLY=name    run only that journey ("e2e", "e2e-sandbox", "e2e-fr", "e2e-texts" or "e2e-accounts"),
//                           e.g. while working on it
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { launchChromium } from './lib/browser.mjs';
import { screenState } from '../test/e2e/workbench.mjs';
import { installExtension, makeRunDir, removeRunDir, runLayout, startCodeServer, tail, workbenchUrl } from './lib/codeServer.mjs';
import { repoRoot, vsixPath } from './lib/paths.mjs';
import { installFrenchLanguagePack } from '../test/e2e/languagePack.mjs';
import { ensureProvisioned } from './lib/provisioning.mjs';

const E2E_TOKEN = 'e2e-account-token-7d41';
const simulatorModule = path.join(repoRoot, 'out', 'src', 'simulator', 'index.js');
const screenshotsWanted = process.env.KECCEL_SCREENSHOTS === '1' || process.argv.includes('--screenshots');
/** Where the journeys save the README's screenshots; undefined (none saved) unless asked. */
const screenshotsDir = screenshotsWanted ? path.join(repoRoot, 'media', 'screenshots') : undefined;
const timeoutMs = Number(process.env.KECCEL_E2E_TIMEOUT_MS) || 1_200_000;
const only = process.env.KECCEL_E2E_ONLY;
const log = (line) => console.log(`[e2e] ${line}`);

/** Settings both journeys share: a quick first delivery check keeps the runs short. */
const COMMON_SETTINGS = {
  'keccel.confirmBeforeSend': true,
  'keccel.delivery.pollIntervalSeconds': 2,
  'keccel.requestTimeoutSeconds': 5,
  // Any free port: journeys of several checkouts may run at once on this machine.
  'keccel.sandbox.port': 0,
  // The Getting Started walkthrough opens by itself once after a first install unless VS Code's setting says no:
  // every journey is a first install, and a journey opens the walkthrough when it means to.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/**
 * One journey in its own fresh code-server and browser profile. `run(page, url, step)` walks it; a failing step
 * leaves failure.png in the run folder, which is then kept. Resolves to the verdict, never throws.
 */
async function runJourney({ name, settings, env = {}, extraArgs = [], prepare, run }) {
  const started = Date.now();
  const runDir = makeRunDir(name);
  const layout = runLayout(runDir);
  let server;
  let browser;
  let ok = false;
  log(`── journey "${name}" (run folder ${runDir})`);
  try {
    log(installExtension(layout, vsixPath).split('\n').pop());
    if (prepare) log(prepare(layout));
    server = await startCodeServer({ layout, settings: { ...COMMON_SETTINGS, ...settings }, env, extraArgs });
    log(`code-server ${server.url}`);
    browser = await launchChromium({ profileDir: path.join(runDir, 'chromium') });
    browser.page.on('pageerror', (error) => { if (/keccel/i.test(error.message)) log(`page error: ${error.message}`); });

    const step = async (stepName, fn) => {
      const t0 = Date.now();
      try {
        await fn();
      } catch (error) {
        const shot = path.join(runDir, 'failure.png');
        await browser.page.screenshot({ path: shot }).catch(() => {});
        log(`  ✗ [${name}] ${stepName} (${Date.now() - t0} ms)\n${error.stack ?? error}\n  on screen: ${await screenState(browser.page)}\n  screenshot: ${shot}`);
        error.stepReported = true;
        throw error;
      }
      log(`  ✔ ${stepName} (${Date.now() - t0} ms)`);
    };
    await run(browser.page, workbenchUrl(server), step, layout);
    ok = true;
    log(`journey "${name}" passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (!error?.stepReported) log(`FAILED [${name}]: ${error?.stack ?? error}`);
    if (fs.existsSync(layout.logFile)) log(`code-server log tail:\n${tail(layout.logFile, 15)}`);
    log(`kept the run folder ${runDir}`);
  } finally {
    await browser?.close();
    await server?.stop();
    if (ok && !process.env.KECCEL_KEEP_RUN_DIR) removeRunDir(runDir);
  }
  return ok;
}

async function main() {
  for (const [file, hint] of [[vsixPath, 'npm run package'], [simulatorModule, 'npm run compile-tests']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run "${hint}" first`);
  }
  await ensureProvisioned();
  const started = Date.now();
  const { KeccelSimulator } = createRequire(import.meta.url)(simulatorModule);
  const { journey } = await import('../test/e2e/journey.mjs');
  const { sandboxJourney } = await import('../test/e2e/sandboxJourney.mjs');
  const { frenchJourney } = await import('../test/e2e/frenchJourney.mjs');
  const { textsJourney, prepareTextsWorkspace } = await import('../test/e2e/textsJourney.mjs');
  const { runAccountsJourney } = await import('../test/e2e/accountsJourney.mjs');

  const deadline = setTimeout(() => {
    log(`FAILED: global timeout of ${timeoutMs / 1000} s (the run folders under the system temp folder are kept)`);
    process.exit(1); // the exit handler of codeServer.mjs kills the server's process group
  }, timeoutMs);
  // 1. A live account, with the simulator of this process as the gateway.
  const live = async () => {
    // A fixed date (not "next year"): the status bar's tooltip in statusbar.png reads the same in every run.
    const expiration = new Date(Date.UTC(2099, 11, 31, 22, 0, 0));
    const sim = new KeccelSimulator({ port: 0, token: E2E_TOKEN, balance: 645, expiration, deliveryDelayMs: 1500 });
    const apiBaseUrl = await sim.start();
    log(`simulator ${apiBaseUrl}`);
    try {
      return await runJourney({
        name: 'e2e',
        settings: { 'keccel.apiBaseUrl': apiBaseUrl },
        run: (page, url, step) => journey({ page, url, token: E2E_TOKEN, sim, screenshotsDir, step }),
      });
    } finally {
      await sim.stop();
    }
  };
  // 2. No token, no gateway of ours: only what the extension carries. KECCEL_SANDBOX is forced off so that a
  // value in the caller's environment (npm start sets it) cannot turn the sandbox on before the user does.
  // A long request timeout: the journey reloads the window while a send to the slow magic number waits for its
  // answer, which must not time out first on a busy machine. The sandbox on a port of its own, as a user's
  // keccel.sandbox.port: the journey's app (curl) sends there.
  const sandbox = async () => {
    const sandboxPort = await freePort();
    return runJourney({
      name: 'e2e-sandbox',
      settings: { 'keccel.requestTimeoutSeconds': 60, 'keccel.sandbox.port': sandboxPort },
      env: { KECCEL_SANDBOX: '0' },
      run: (page, url, step, layout) => sandboxJourney({ page, url, screenshotsDir, step, userDataDir: layout.userDataDir, sandboxPort }),
    });
  };

  // 3. The sandbox newcomer again, in French: `--locale fr` works only with a French language pack installed and
  // listed in languagepacks.json, so the run installs the stub pack of test/e2e/fixtures first.
  const french = () => runJourney({
    name: 'e2e-fr',
    settings: {},
    env: { KECCEL_SANDBOX: '0' },
    extraArgs: ['--locale', 'fr'],
    prepare: (layout) => installFrenchLanguagePack(layout, installExtension, repoRoot),
    run: (page, url, step) => frenchJourney({ page, url, repoRoot, screenshotsDir, step }),
  });

  // 4. The SMS texts in your code: squiggle, hover and quick fix in a file of the workspace.
  const texts = () => runJourney({
    name: 'e2e-texts',
    settings: {},
    env: { KECCEL_SANDBOX: '0' },
    prepare: prepareTextsWorkspace,
    run: (page, url, step) => textsJourney({ page, url, screenshotsDir, step }),
  });

  // 5. Several accounts and the production guard (the client's live gateway: a simulator the journey starts).
  const accounts = () => runAccountsJourney({ runJourney, KeccelSimulator, screenshotsDir, log });

  const verdicts = [];
  try {
    for (const [name, run] of [['e2e', live], ['e2e-sandbox', sandbox], ['e2e-fr', french], ['e2e-texts', texts], ['e2e-accounts', accounts]]) {
      if (!only || only === name) verdicts.push([name, await run()]);
    }
  } finally {
    clearTimeout(deadline);
  }
  if (verdicts.length === 0) throw new Error(`KECCEL_E2E_ONLY="${only}" names no journey (e2e, e2e-sandbox, e2e-fr, e2e-texts, e2e-accounts)`);
  const failed = verdicts.filter(([, ok]) => !ok).map(([name]) => name);
  const shots = screenshotsDir ? `; screenshots in ${path.relative(repoRoot, screenshotsDir)}/` : '';
  if (failed.length === 0) log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s${shots}`);
  else log(`FAILED: journey ${failed.join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

/** A loopback port nothing listens on at the moment. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

main().catch((error) => {
  log(`FAILED: ${error.message}`);
  process.exitCode = 1;
});
