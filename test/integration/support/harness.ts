// What every integration test file needs: the extension's exports, the settings that point it at a simulator
// started in this (extension host) process, the commands of the contract, and a bounded wait for asynchronous
// outcomes (delivery polling, status-bar refreshes). Tests observe the extension only through the VS Code API and
// the exports a user-facing script could read (src/extension/api.ts), never through private state.
import * as vscode from 'vscode';
import { KeccelSimulator, type SimulatorOptions } from '../../../src/simulator';
import type { KeccelApi } from '../../../src/extension/api';
import type { HistoryRecord } from '../../../src/core/types';

export const EXTENSION_ID = 'keccel-tools.keccel-sms';

/** The account token of the test gateway (not the sandbox's, so sandbox and live never mix). */
export const TEST_TOKEN = 'it-live-token-5f2c9a';
export const INITIAL_BALANCE = 645;

/** The command ids users and scripts rely on (README, "Commands", and the Messages view's menus). */
export const CONTRACT_COMMANDS = [
  'keccel.setToken', 'keccel.clearToken', 'keccel.sendSms', 'keccel.openComposer', 'keccel.refreshBalance',
  'keccel.checkDeliveries', 'keccel.startSandbox', 'keccel.stopSandbox', 'keccel.showLog', 'keccel.clearHistory',
  'keccel.exportHistory', 'keccel.message.checkDelivery', 'keccel.message.resend', 'keccel.message.copyId',
  'keccel.message.delete', 'keccel.message.showDetails', 'keccel.sendOtp', 'keccel.validateOtp',
  'keccel.message.markDelivered', 'keccel.message.markFailed',
] as const;

export interface BalanceResult {
  balance: number;
  expiration: string | null;
  status: string;
}

export async function keccelApi(): Promise<KeccelApi> {
  const extension = vscode.extensions.getExtension<KeccelApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return extension.isActive ? extension.exports : await extension.activate();
}

/** Writes `keccel.*` user settings (undefined removes one) and waits until the configuration reflects them. */
export async function configure(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('keccel');
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/**
 * A simulator on a free loopback port with the test token, the extension pointed at it with fast polling, and
 * (unless `withToken` is false) the token set through the command, as a user would.
 */
export async function startGateway(options: SimulatorOptions & { withToken?: boolean } = {}): Promise<KeccelSimulator> {
  const { withToken = true, ...simOptions } = options;
  const sim = new KeccelSimulator({ port: 0, token: TEST_TOKEN, balance: INITIAL_BALANCE, deliveryDelayMs: 300, ...simOptions });
  const url = await sim.start();
  await configure({
    apiBaseUrl: url,
    confirmBeforeSend: false,
    requestTimeoutSeconds: 3,
    'delivery.pollIntervalSeconds': 2,
  });
  if (withToken) await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
  return sim;
}

/** Stops the simulator and leaves the extension without a token and out of sandbox mode. */
export async function stopGateway(sim: KeccelSimulator | undefined): Promise<void> {
  await vscode.commands.executeCommand('keccel.clearToken');
  await sim?.stop();
}

export function sendSms(to: string, message: string, from?: string): Thenable<HistoryRecord | undefined> {
  return vscode.commands.executeCommand<HistoryRecord | undefined>('keccel.sendSms', { to, message, from });
}

export function refreshBalance(): Thenable<BalanceResult | undefined> {
  return vscode.commands.executeCommand<BalanceResult | undefined>('keccel.refreshBalance');
}

/** The `message.asp` POSTs the simulator received for one recipient. */
export function postsTo(sim: KeccelSimulator, to: string): number {
  return sim.requests.filter((r) => r.method === 'POST' && /message\.asp$/i.test(r.path) && paramOf(r, 'to') === to).length;
}

/** Requests to one endpoint (`balance.asp`, `delivery.asp`, `message.asp`). */
export function requestsTo(sim: KeccelSimulator, endpoint: string): number {
  return sim.requests.filter((r) => r.path.toLowerCase().endsWith(endpoint)).length;
}

function paramOf(request: { query: Record<string, string>; body: string }, name: string): string | undefined {
  if (request.query[name] !== undefined) return request.query[name];
  try {
    const body = JSON.parse(request.body) as Record<string, unknown>;
    return body[name] === undefined ? undefined : String(body[name]);
  } catch {
    return new URLSearchParams(request.body).get(name) ?? undefined;
  }
}

export async function recordById(id: string): Promise<HistoryRecord | undefined> {
  return (await (await keccelApi()).history()).find((record) => record.id === id);
}

/** Polls `probe` until it returns something truthy; fails with `what` and the last value after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000,
  intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
