// Activation and the contract's surface: the extension starts on its own, registers every command users and scripts
// rely on (CONTRACT_COMMANDS), exposes its test-facing API, and without a token does nothing that costs or shows a
// balance.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CONTRACT_COMMANDS, EXTENSION_ID, keccelApi, refreshBalance } from '../support/harness';

describe('activation', () => {
  it('activates on startup (onStartupFinished) and exports the KeccelApi', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.ok((extension.packageJSON.activationEvents as string[]).includes('onStartupFinished'));
    const api = await keccelApi();
    assert.strictEqual(typeof api.activationTimeMs, 'number');
    assert.ok(api.activationTimeMs >= 0, `activationTimeMs = ${api.activationTimeMs}`);
    for (const name of ['balanceItem', 'messageTreeRows', 'history', 'sandboxUrl'] as const) {
      assert.strictEqual(typeof api[name], 'function', `exports.${name} is not a function`);
    }
  });

  it('registers every command of the contract', async () => {
    await keccelApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = CONTRACT_COMMANDS.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('without a token shows no balance number and refreshBalance returns undefined', async () => {
    await vscode.commands.executeCommand('keccel.clearToken');
    const api = await keccelApi();
    assert.strictEqual(await refreshBalance(), undefined);
    const item = api.balanceItem();
    assert.ok(!/\d/.test(item.text.replace(/\$\([^)]*\)/g, '')), `status bar shows a number without a token: "${item.text}"`);
    assert.strictEqual(api.sandboxUrl(), undefined);
  });

  it('without a token, Send SMS… stops before its first step and returns undefined', async () => {
    await vscode.commands.executeCommand('keccel.clearToken');
    // Before the fix the flow opened the recipient box and only failed after the confirmation: it would not resolve.
    const outcome = await Promise.race([
      vscode.commands.executeCommand('keccel.sendSms').then((result) => ({ result })),
      new Promise<'asked'>((resolve) => setTimeout(() => resolve('asked'), 3000)),
    ]);
    if (outcome === 'asked') {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.fail('the send flow asked for a recipient without a token');
    }
    assert.strictEqual(outcome.result, undefined);
  });
});
