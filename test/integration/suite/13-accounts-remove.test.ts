// Removing an account: its token goes, its history stays unless the user asks to delete it (from the confirmation's
// second button, or `{name, deleteHistory: true}` from a script). Deleting touches that account's history file only:
// never the sandbox's, the implicit account's or another account's. Observed on disk and through the commands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { KeccelSimulator } from '../../../src/simulator';
import { answerModals } from '../support/dialogs';
import { configure, keccelApi, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

const OTHER_TOKEN = 'it-other-token-4b81c0';

function addAccount(arg: Record<string, unknown>): Thenable<{ name: string } | undefined> {
  return vscode.commands.executeCommand('keccel.addAccount', arg);
}

function switchAccount(name: string): Thenable<unknown> {
  return vscode.commands.executeCommand('keccel.switchAccount', { name });
}

function accountNames(): string[] {
  const value = vscode.workspace.getConfiguration('keccel').inspect<{ name: string }[]>('accounts')?.globalValue;
  return (value ?? []).map((entry) => entry.name);
}

/** The history files in the extension's storage folder. */
function historyFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => /history.*\.jsonl$/.test(name)).sort();
}

describe('accounts: removal', () => {
  let keccel: KeccelSimulator;
  let other: KeccelSimulator;
  let dir: string;

  before(async () => {
    keccel = await startGateway();
    other = new KeccelSimulator({ port: 0, token: OTHER_TOKEN, balance: 80, deliveryDelayMs: 300 });
    await other.start();
    dir = path.dirname(await (await keccelApi()).historyFile());
    assert.deepStrictEqual(await addAccount({ name: 'Stays', token: OTHER_TOKEN, baseUrl: other.baseUrl }), { name: 'Stays' });
  });

  after(async () => {
    await switchAccount('Keccel');
    for (const name of ['Stays', 'Gone', 'Kept']) await vscode.commands.executeCommand('keccel.removeAccount', { name });
    await configure({ accounts: undefined });
    await stopGateway(keccel);
    await other.stop();
  });

  /** Adds `name` on the second gateway, sends one SMS from it and comes back to Keccel; returns its history file. */
  async function accountWithHistory(name: string): Promise<{ file: string; recordId: string }> {
    assert.deepStrictEqual(await addAccount({ name, token: OTHER_TOKEN, baseUrl: other.baseUrl }), { name });
    await switchAccount(name);
    const record = await sendSms('0812000301', `from ${name}`);
    assert.strictEqual(record?.account, name);
    const file = await (await keccelApi()).historyFile();
    await switchAccount('Keccel');
    assert.ok(fs.existsSync(file), `${name}'s history file was not written`);
    return { file, recordId: record.id };
  }

  /** Every other history file exists, with the same content, before and after `action`. */
  async function othersUntouched(except: string, action: () => Promise<void>): Promise<void> {
    // The sandbox's and Keccel's files too: a send and a sandbox run make sure they exist.
    await sendSms('0812000300', 'Keccel keeps this');
    await vscode.commands.executeCommand('keccel.startSandbox');
    await sendSms('0812000300', 'the sandbox keeps this');
    await vscode.commands.executeCommand('keccel.stopSandbox');
    const before = new Map(historyFiles(dir).filter((f) => path.join(dir, f) !== except).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    assert.ok(before.has('history.jsonl') && before.has('sandbox-history.jsonl'), [...before.keys()].join(', '));
    await action();
    for (const [file, content] of before) {
      assert.ok(fs.existsSync(path.join(dir, file)), `${file} was deleted`);
      // Another account's file may only grow (its poller's delivery reports), never lose a line.
      assert.ok(fs.readFileSync(path.join(dir, file), 'utf8').startsWith(content.split('\n')[0]), `${file} was rewritten`);
    }
  }

  it('the confirmation offers to remove the account alone or with its history; Enter and Escape remove nothing', async () => {
    await accountWithHistory('Gone');
    const dialogs = answerModals(() => undefined);
    try {
      await vscode.commands.executeCommand('keccel.account.remove', { kind: 'account', account: { name: 'Gone' } });
      assert.strictEqual(dialogs.asked.length, 1);
      const question = dialogs.asked[0];
      assert.match(question.message, /Gone/);
      assert.ok(question.buttons.includes('Remove Account'), JSON.stringify(question));
      assert.ok(question.buttons.includes('Remove Account and Its History'), JSON.stringify(question));
      // Enter gives the first button that is not the close one: it must remove nothing.
      const enter = question.buttons.find((b) => b !== question.closeButton);
      assert.ok(enter && !/^Remove/.test(enter), `Enter would answer "${enter}"`);
      assert.ok(question.closeButton && !/^Remove/.test(question.closeButton), `Escape would answer "${question.closeButton}"`);
      assert.ok(accountNames().includes('Gone'), 'Escape removed the account');
    } finally {
      dialogs.dispose();
    }
    const enter = answerModals((q) => q.buttons.find((b) => b !== q.closeButton));
    try {
      await vscode.commands.executeCommand('keccel.account.remove', { kind: 'account', account: { name: 'Gone' } });
      assert.strictEqual(enter.asked.length, 1);
      assert.ok(accountNames().includes('Gone'), 'Enter removed the account');
    } finally {
      enter.dispose();
    }
  });

  it('"Remove Account and Its History" deletes that history file only, and it does not come back', async () => {
    const { file } = await accountWithHistory('Gone2');
    await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Gone' });
    await othersUntouched(file, async () => {
      const dialogs = answerModals(() => 'Remove Account and Its History');
      try {
        await vscode.commands.executeCommand('keccel.account.remove', { kind: 'account', account: { name: 'Gone2' } });
      } finally {
        dialogs.dispose();
      }
      assert.ok(!accountNames().includes('Gone2'), 'the account is still listed');
      assert.ok(!fs.existsSync(file), `${path.basename(file)} is still on disk`);
    });
    // Another account's poller runs a cycle (its message is delivered): the deleted file is not written again.
    await switchAccount('Stays');
    const record = await sendSms('0812000302', 'from Stays');
    await switchAccount('Keccel');
    await switchAccount('Stays');
    await waitFor('the message of Stays to be delivered', async () =>
      (await (await keccelApi()).history()).find((r) => r.id === record?.id)?.deliveryStatus === 'delivered');
    await switchAccount('Keccel');
    assert.ok(!fs.existsSync(file), 'the deleted history file came back');
  });

  it('a script deletes the history with {name, deleteHistory: true}, without a question', async () => {
    const { file } = await accountWithHistory('Gone3');
    const dialogs = answerModals(() => undefined);
    try {
      await othersUntouched(file, async () => {
        await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Gone3', deleteHistory: true });
        assert.ok(!accountNames().includes('Gone3'));
        assert.ok(!fs.existsSync(file), `${path.basename(file)} is still on disk`);
      });
      assert.strictEqual(dialogs.asked.length, 0, 'a script was asked a question');
    } finally {
      dialogs.dispose();
    }
    // Added again under the same name: it starts with an empty history.
    assert.deepStrictEqual(await addAccount({ name: 'Gone3', token: OTHER_TOKEN, baseUrl: other.baseUrl }), { name: 'Gone3' });
    await switchAccount('Gone3');
    assert.deepStrictEqual(await (await keccelApi()).history(), []);
    await switchAccount('Keccel');
    await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Gone3', deleteHistory: true });
  });

  it('removed without its history, an account added again under the same name gets its messages back', async () => {
    const { file, recordId } = await accountWithHistory('Kept');
    await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Kept' });
    assert.ok(!accountNames().includes('Kept'));
    assert.ok(fs.existsSync(file), 'the history was deleted without being asked');
    assert.deepStrictEqual(await addAccount({ name: 'Kept', token: OTHER_TOKEN, baseUrl: other.baseUrl }), { name: 'Kept' });
    await switchAccount('Kept');
    assert.ok((await (await keccelApi()).history()).some((r) => r.id === recordId), 'the kept history did not come back');
    await switchAccount('Keccel');
  });

  it('a deleteHistory that is not true or false removes nothing', async () => {
    await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Stays', deleteHistory: 'yes' });
    assert.ok(accountNames().includes('Stays'), 'a malformed deleteHistory removed the account');
  });
});
