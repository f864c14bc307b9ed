// The offline `runTests`: runs a tests module (exporting `run()`, exactly as for @vscode/test-electron) inside the
// real extension host of code-server. code-server rejects --extensionDevelopmentPath, but with the smoke-test
// driver enabled its workbench takes both paths from the URL `payload`; the workbench then reports the extension
// host's console through `codeAutomationLog` and the verdict through `codeAutomationExit` (docs/testing.md).
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { makeRunDir, removeRunDir, runLayout, startCodeServer, tail, workbenchUrl } from './codeServer.mjs';

/** Prefix the tests module puts on its reporter's lines (given to it as KECCEL_TEST_OUTPUT_MARKER). */
export const OUTPUT_MARKER = '[keccel-test] ';

/**
 * @param {object} options
 * @param {string} options.name run folder prefix
 * @param {string} options.extensionDevelopmentPath absolute folder holding the extension's package.json
 * @param {string} options.extensionTestsPath absolute module path (without .js) exporting run()
 * @param {Record<string, unknown>} [options.settings] user settings written before start
 * @param {Record<string, string>} [options.env] extra environment for code-server (reaches the extension host)
 * @param {(layout: ReturnType<typeof runLayout>) => void | Promise<void>} [options.prepare] runs before start
 *   (e.g. to seed globalStorage)
 * @param {number} [options.timeoutMs] whole run, default 4 min
 * @param {(line: string) => void} [options.onLine] each line of the extension host's output (default: print it)
 * @returns {Promise<{code: number, durationMs: number, runDir: string}>}
 */
export async function runExtensionTests(options) {
  const started = Date.now();
  const { name, extensionDevelopmentPath, extensionTestsPath, settings = {}, env = {}, timeoutMs = 240_000 } = options;
  const onLine = options.onLine ?? ((line) => console.log(line));
  const runDir = makeRunDir(name);
  const layout = runLayout(runDir);
  const status = (line) => console.error(`[harness] ${line}`);
  let server;
  let browser;
  let timer;
  let code = 1;
  try {
    await options.prepare?.(layout);
    server = await startCodeServer({ layout, settings, env: { ...env, KECCEL_TEST_OUTPUT_MARKER: OUTPUT_MARKER }, testDriver: true });
    status(`code-server ${server.url} (run folder ${runDir})`);
    browser = await launchChromium({ profileDir: path.join(runDir, 'chromium') });

    const logLines = [];
    const verdict = new Promise((resolve) => {
      browser.page.exposeFunction('codeAutomationExit', (exitCode, logs) => {
        saveLogs(runDir, logs);
        resolve(Number(exitCode));
      });
      timer = setTimeout(() => {
        status(`timed out after ${timeoutMs / 1000} s`);
        resolve(124);
      }, timeoutMs);
    });
    // Everything the workbench logs arrives here; lines of the tests module carry OUTPUT_MARKER (see
    // test/integration/suite/index.ts). The rest goes to workbench.log in the run folder (KECCEL_VERBOSE=1 prints it).
    await browser.page.exposeFunction('codeAutomationLog', (level, message) => {
      for (const line of String(message).replace(/\n$/, '').split('\n')) {
        if (line.startsWith(OUTPUT_MARKER)) onLine(line.slice(OUTPUT_MARKER.length));
        else {
          logLines.push(`[${level}] ${line}`);
          // Errors that name the extension (activation failures, uncaught exceptions) matter to whoever reads the run.
          if (process.env.KECCEL_VERBOSE || (level === 'error' && /keccel/i.test(line))) status(`[workbench ${level}] ${line}`);
        }
      }
    });
    browser.page.on('pageerror', (error) => logLines.push(`[pageerror] ${error.message}`));
    const url = workbenchUrl(server, { extensionDevelopmentPath, extensionTestsPath });
    await browser.page.goto(url);
    const finished = await verdict;
    fs.writeFileSync(path.join(runDir, 'workbench.log'), `${logLines.join('\n')}\n`);
    code = finished;
    return { code, durationMs: Date.now() - started, runDir };
  } catch (error) {
    status(error.stack ?? String(error));
    code = 1;
    return { code, durationMs: Date.now() - started, runDir };
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.stop();
    if (code === 0 && !process.env.KECCEL_KEEP_RUN_DIR) removeRunDir(runDir);
    else status(`kept ${runDir}; code-server log tail:\n${tail(layout.logFile, 15)}`);
  }
}

function saveLogs(runDir, logs) {
  if (!Array.isArray(logs)) return;
  for (const { relativePath, contents } of logs) {
    const file = path.join(runDir, 'logs', relativePath);
    if (!file.startsWith(path.join(runDir, 'logs'))) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}
