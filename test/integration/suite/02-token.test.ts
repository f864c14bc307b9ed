// keccel.setToken with an argument: checked against the gateway's balance endpoint before it is stored;
// keccel.clearToken removes it. Whether a token is stored is observed the way a user sees it: the balance.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KeccelSimulator } from '../../../src/simulator';
import { captureNotifications } from '../support/notifications';
import { INITIAL_BALANCE, TEST_TOKEN, keccelApi, refreshBalance, requestsTo, startGateway, stopGateway } from '../support/harness';

describe('token', () => {
  let sim: KeccelSimulator;
  before(async () => { sim = await startGateway({ withToken: false }); });
  after(async () => { await stopGateway(sim); });

  it('stores a good token after checking it against the balance endpoint', async () => {
    await vscode.commands.executeCommand('keccel.clearToken');
    const before = requestsTo(sim, 'balance.asp');
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    assert.ok(requestsTo(sim, 'balance.asp') > before, 'the token was not checked against balance.asp');
    const balance = await refreshBalance();
    assert.ok(balance, 'refreshBalance returned undefined after a good token');
    assert.strictEqual(balance.balance, INITIAL_BALANCE);
  });

  it('refuses a token under 8 characters, saying why, without sending it to the gateway', async () => {
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    const before = requestsTo(sim, 'balance.asp');
    const notifications = captureNotifications();
    try {
      await vscode.commands.executeCommand('keccel.setToken', '1234567');
    } finally {
      notifications.dispose();
    }
    assert.strictEqual(requestsTo(sim, 'balance.asp'), before, 'a too-short token was sent to the gateway');
    assert.ok(notifications.texts.some((t) => /at least 8 characters; this one has 7/.test(t)), notifications.texts.join('\n'));
    // The previous token is kept.
    assert.strictEqual((await refreshBalance())?.balance, INITIAL_BALANCE);
  });

  it('stores nothing when the gateway refuses the token', async () => {
    await vscode.commands.executeCommand('keccel.clearToken');
    await vscode.commands.executeCommand('keccel.setToken', 'not-the-right-token');
    assert.strictEqual(await refreshBalance(), undefined, 'a refused token was stored');
  });

  it('keeps the previous token when a new one is refused', async () => {
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    await vscode.commands.executeCommand('keccel.setToken', 'not-the-right-token');
    const balance = await refreshBalance();
    assert.strictEqual(balance?.balance, INITIAL_BALANCE);
  });

  it('stores nothing when the gateway cannot be reached', async () => {
    await vscode.commands.executeCommand('keccel.clearToken');
    await sim.stop();
    try {
      await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    } finally {
      await sim.start();
    }
    // The simulator came back on another port: point the extension at it again.
    await vscode.workspace.getConfiguration('keccel').update('apiBaseUrl', sim.baseUrl, vscode.ConfigurationTarget.Global);
    assert.strictEqual(await refreshBalance(), undefined, 'a token that could not be checked was stored');
  });

  it('clearToken removes the token and the balance from the status bar', async () => {
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    assert.ok(await refreshBalance());
    await vscode.commands.executeCommand('keccel.clearToken');
    assert.strictEqual(await refreshBalance(), undefined);
    const text = (await keccelApi()).balanceItem().text.replace(/\$\([^)]*\)/g, '');
    assert.ok(!text.includes(String(INITIAL_BALANCE)), `the status bar still shows the balance: "${text}"`);
  });

  it('never shows the token in the status bar', async () => {
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    const item = (await keccelApi()).balanceItem();
    assert.ok(!item.text.includes(TEST_TOKEN) && !item.tooltip.includes(TEST_TOKEN));
  });
});
