// `npm run test:desktop`: the same integration suite (test/integration/suite) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (update.code.visualstudio.com). It cannot run on
// our offline machines (ENOTFOUND after ~0.1 s), where `npm run test:integration` runs the suite in code-server.
//   VSCODE_VERSION=1.96.0 npm run test:desktop   the engines.vscode floor (default: stable)
//   VSCODE_EXECUTABLE=/path/to/code npm run test:desktop   an installed VS Code, no download
// On Linux CI without a display, wrap it: `xvfb-run -a npm run test:desktop`.
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // out/test/integration/runDesktop.js -> the repository root (where package.json's main points at dist/).
  const extensionDevelopmentPath = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.resolve(__dirname, 'suite', 'index');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-desktop-'));
  const workspace = path.join(scratch, 'workspace');
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  // The extension must never reach the real gateway before a test points it at its simulator.
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'keccel.apiBaseUrl': 'http://127.0.0.1:9/sms/v2', 'workbench.startupEditor': 'none' }));

  const failures = await runTests({
    version: process.env.VSCODE_VERSION,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [workspace, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: process.env.KECCEL_TEST_GREP ? { KECCEL_TEST_GREP: process.env.KECCEL_TEST_GREP } : undefined,
  });
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error('Desktop integration tests failed or could not run:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
