// The other commands a user reaches from the tree and the palette: checking deliveries now (all pending, or one
// message from its context menu, which passes the tree item) and opening the composer prefilled.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KeccelSimulator } from '../../../src/simulator';
import { MAGIC_NO_REPORT } from '../../../src/simulator';
import { recordById, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

describe('actions', () => {
  let sim: KeccelSimulator;
  before(async () => {
    sim = await startGateway();
    // Keep the poller out of the way: only the commands below should ask for delivery reports.
    await vscode.workspace.getConfiguration('keccel').update('delivery.pollIntervalSeconds', 3600, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('keccel').update('delivery.pollIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopGateway(sim);
  });

  function deliveryChecksOf(messageId: string): number {
    return sim.requests.filter((r) => /delivery\.asp$/i.test(r.path) &&
      (r.query.messageid === messageId || r.body.includes(messageId))).length;
  }

  it('checks one message from its context menu and keeps it pending while there is no report', async () => {
    const record = await sendSms(MAGIC_NO_REPORT, 'no report ever');
    assert.ok(record?.messageId);
    const before = deliveryChecksOf(record.messageId);
    // The tree passes its item, which carries the record.
    await vscode.commands.executeCommand('keccel.message.checkDelivery', { record });
    assert.ok(deliveryChecksOf(record.messageId) > before, 'no delivery.asp request for the message');
    assert.strictEqual((await recordById(record.id))?.deliveryStatus, 'pending');
  });

  it('checkDeliveries asks for every pending message and records the reports', async () => {
    sim.setDeliveryDelayMs(0);
    const record = await sendSms('0812349999', 'check me now');
    assert.ok(record?.messageId);
    const before = deliveryChecksOf(record.messageId);
    await vscode.commands.executeCommand('keccel.checkDeliveries');
    assert.ok(deliveryChecksOf(record.messageId) > before, 'no delivery.asp request for the pending message');
    assert.strictEqual((await recordById(record.id))?.deliveryStatus, 'delivered');
  });

  it('openComposer opens the composer panel', async () => {
    await vscode.commands.executeCommand('keccel.openComposer', { to: '0812345678', message: 'prefilled' });
    // The extension host learns about tabs asynchronously from the workbench.
    await waitFor('a composer tab', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputWebview && /keccel/i.test(tab.input.viewType)), 10_000);
  });

  it('deletes a message from the history (a script skips the question with confirm: false)', async () => {
    const record = await sendSms('0812340078', 'delete me');
    assert.ok(record);
    const deleted = await vscode.commands.executeCommand('keccel.message.delete', { id: record.id, confirm: false });
    assert.strictEqual(deleted, true);
    assert.strictEqual(await recordById(record.id), undefined, 'the message is still in the history');
  });
});
