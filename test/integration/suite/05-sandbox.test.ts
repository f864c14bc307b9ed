// keccel.startSandbox / stopSandbox: the built-in simulator runs inside the extension host with its own token;
// sandbox sends are marked as such and never appear in the live history, and the live token survives.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KeccelSimulator } from '../../../src/simulator';
import { INITIAL_BALANCE, keccelApi, refreshBalance, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

describe('sandbox', () => {
  let sim: KeccelSimulator;
  before(async () => { sim = await startGateway(); });
  after(async () => {
    await vscode.commands.executeCommand('keccel.stopSandbox');
    await stopGateway(sim);
  });

  it('starts a loopback simulator and sends through it, marked sandbox', async () => {
    const api = await keccelApi();
    await vscode.commands.executeCommand('keccel.startSandbox');
    const url = api.sandboxUrl();
    assert.ok(url, 'sandboxUrl() is undefined after startSandbox');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//);
    const livePosts = sim.requests.filter((r) => r.method === 'POST').length;

    const record = await sendSms('0812345678', 'sandbox hello');
    assert.ok(record);
    assert.strictEqual(record.sendStatus, 'sent');
    assert.strictEqual(record.sandbox, true);
    assert.strictEqual(sim.requests.filter((r) => r.method === 'POST').length, livePosts, 'a sandbox send reached the live gateway');
    assert.ok((await api.history()).some((r) => r.id === record.id), 'the sandbox history lacks the send');
    const balance = await refreshBalance();
    assert.ok(balance, 'no balance in sandbox mode');
    const item = api.balanceItem();
    assert.match(`${item.text} ${item.tooltip}`, /sandbox/i, 'the status bar does not say Sandbox');
    await waitFor('the sandbox delivery', async () =>
      (await api.history()).find((r) => r.id === record.id)?.deliveryStatus === 'delivered');

    await vscode.commands.executeCommand('keccel.stopSandbox');
    assert.strictEqual(api.sandboxUrl(), undefined, 'sandboxUrl() still set after stopSandbox');
    const live = await api.history();
    assert.ok(!live.some((r) => r.id === record.id || r.sandbox), 'a sandbox message is in the live history');
  });

  it('keeps the live token across the sandbox', async () => {
    assert.strictEqual((await refreshBalance())?.balance, INITIAL_BALANCE);
  });
});
