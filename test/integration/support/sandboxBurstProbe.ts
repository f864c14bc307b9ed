// A tests module (`extensionTestsPath`) for `npm run bench` (bench/sandboxBurst.ts): starts the sandbox, prints its
// connection on a tagged line for the bench's external client, then measures the extension host's event-loop delay
// while that client's burst lands, until every send is in the sandbox history and has its final delivery status.
// Prints one tagged JSON line with what it saw.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { KeccelApi } from '../../../src/extension/api';

export const READY_TAG = 'KECCEL_SANDBOX_READY';
export const RESULT_TAG = 'KECCEL_BURST';

export async function run(): Promise<void> {
  const expected = Number(process.env.KECCEL_BURST_COUNT) || 1000;
  const marker = process.env.KECCEL_TEST_OUTPUT_MARKER ?? '';
  const extension = vscode.extensions.getExtension<KeccelApi>('keccel-tools.keccel-sms');
  if (!extension) throw new Error('keccel-tools.keccel-sms is not loaded');
  const api = extension.isActive ? extension.exports : await extension.activate();
  const connection = await vscode.commands.executeCommand<{ baseUrl: string; token: string }>('keccel.startSandbox');
  if (!connection) throw new Error('the sandbox did not start');
  await api.history();
  // Baseline in the same run: the same host idle with the sandbox on (a loaded machine delays every event loop).
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  idle.disable();
  const refreshesBefore = api.treeRefreshes();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  console.log(`${marker}${READY_TAG} ${JSON.stringify(connection)}`);

  const started = performance.now();
  let recorded = 0;
  let final = 0;
  let firstAt: number | undefined;
  let allRecordedMs = 0;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const app = (await api.history()).filter((r) => r.origin === 'app');
    recorded = app.length;
    final = app.filter((r) => r.deliveryStatus === 'delivered' || r.deliveryStatus === 'failed').length;
    if (recorded > 0) firstAt ??= performance.now();
    if (recorded >= expected && !allRecordedMs) allRecordedMs = performance.now() - (firstAt ?? started);
    if (final >= expected || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  delay.disable();
  const rows = await api.messageTreeRows();
  console.log(`${marker}${RESULT_TAG} ${JSON.stringify({
    recorded,
    final,
    allRecordedMs,
    p99Ms: delay.percentile(99) / 1e6,
    idleP99Ms: idle.percentile(99) / 1e6,
    maxMs: delay.max / 1e6,
    meanMs: delay.mean / 1e6,
    treeRefreshes: api.treeRefreshes() - refreshesBefore,
    topRowIsApp: /app/.test(rows[0]?.description ?? ''),
  })}`);
  await vscode.commands.executeCommand('keccel.stopSandbox');
}
