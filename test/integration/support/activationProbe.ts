// A tests module (`extensionTestsPath`) for `npm run bench`: activates the extension, reads the activationTimeMs it
// measured inside activate(), times the first history() (the lazy load of the history file), and prints one
// tagged JSON line that bench/activation.ts picks out of the workbench log.
import * as vscode from 'vscode';
import type { KeccelApi } from '../../../src/extension/api';

export const PROBE_TAG = 'KECCEL_ACTIVATION';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<KeccelApi>('keccel-tools.keccel-sms');
  if (!extension) throw new Error('keccel-tools.keccel-sms is not loaded');
  const api = extension.isActive ? extension.exports : await extension.activate();
  const started = performance.now();
  const history = await api.history();
  const historyMs = performance.now() - started;
  const marker = process.env.KECCEL_TEST_OUTPUT_MARKER ?? '';
  console.log(`${marker}${PROBE_TAG} ${JSON.stringify({ activationTimeMs: api.activationTimeMs, historyMs, messages: history.length })}`);
}
