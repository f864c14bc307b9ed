// The tests module of the extension host (`extensionTestsPath`): VS Code calls `run()` once the workbench is up and
// waits for the promise. The same module serves code-server (scripts/run-integration.mjs, the default here) and
// desktop VS Code (@vscode/test-electron, runDesktop.ts). Mocha's spec reporter writes through console.log, which
// both hosts forward to the runner.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Under code-server the workbench forwards its whole log to the runner, and console.log arguments arrive
  // unformatted: format each reporter line here and tag it so the runner can tell test output from the rest.
  const marker = process.env.KECCEL_TEST_OUTPUT_MARKER ?? '';
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) =>
    console.log(util.format(...args).split('\n').map((line) => marker + line).join('\n'));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    // KECCEL_TEST_GREP (given to code-server or the desktop runner) narrows a run while debugging.
    grep: process.env.KECCEL_TEST_GREP || undefined,
  });
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
