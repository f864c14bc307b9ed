#!/usr/bin/env node
// `npm run test:integration`: the mocha suite of test/integration/suite inside the real extension host of
// code-server (offline; desktop VS Code: `npm run test:desktop`). Expects `npm run build` (dist/extension.js) and
// `npm run compile-tests` (out/test/integration) to have run; the npm script does both. Exit code = verdict.
//   KECCEL_TEST_GREP=<pattern>   only the tests whose title matches
//   KECCEL_KEEP_RUN_DIR=1        keep the run folder (code-server log, user data) even on success
import fs from 'node:fs';
import path from 'node:path';
import { ensureProvisioned } from './lib/provisioning.mjs';
import { runExtensionTests } from './lib/extensionTests.mjs';
import { extensionMain, repoRoot } from './lib/paths.mjs';

const testsModule = path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index');

async function main() {
  for (const [file, hint] of [[extensionMain, 'npm run build'], [`${testsModule}.js`, 'npm run compile-tests']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run "${hint}" first`);
  }
  await ensureProvisioned();
  const env = {};
  if (process.env.KECCEL_TEST_GREP) env.KECCEL_TEST_GREP = process.env.KECCEL_TEST_GREP;
  const { code, durationMs } = await runExtensionTests({
    name: 'integration',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsModule,
    env,
    // Until a test points it at its simulator, the extension must never reach the real gateway.
    // Any free port for the sandbox: test runs of several checkouts share this machine (the port test sets its own).
    // No walkthrough opening by itself at the first activation (the extension honours VS Code's own setting): the
    // tests open it when they mean to.
    settings: { 'keccel.apiBaseUrl': 'http://127.0.0.1:9/sms/v2', 'keccel.sandbox.port': 0, 'workbench.welcomePage.walkthroughs.openOnInstall': false },
    timeoutMs: Number(process.env.KECCEL_TEST_TIMEOUT_MS) || 240_000,
  });
  console.error(`[harness] integration tests ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${(durationMs / 1000).toFixed(1)} s`);
  process.exitCode = code === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(`[harness] ${error.message}`);
  process.exitCode = 1;
});
