// The settings (README, "Settings") take effect as soon as they change (no reload): the balance warning thresholds
// re-colour the status bar without a new balance request, storeMessageText and maxMessages govern what the history
// keeps, the Messages tree pages its rows 50 at a time, and without a token nothing reaches the network.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KeccelSimulator } from '../../../src/simulator';
import { MAGIC_NO_REPORT, MAGIC_REJECTED } from '../../../src/simulator';
import type { HistoryRecord } from '../../../src/core/types';
import {
  TEST_TOKEN, configure, keccelApi, recordById, refreshBalance, requestsTo, sendSms, startGateway, stopGateway,
  waitFor,
} from '../support/harness';

const WARNING = 'statusBarItem.warningBackground';
const DAY_MS = 86_400_000;

/** Every setting this file changes; `after` puts each back to its default so later suites start clean. */
const CHANGED_SETTINGS = [
  'balance.lowCreditThreshold', 'balance.expiryWarningDays', 'history.storeMessageText', 'history.maxMessages',
] as const;

describe('settings', () => {
  let sim: KeccelSimulator;
  before(async () => {
    sim = await startGateway({ maxRecordedRequests: 100_000 });
    await clearHistory();
  });
  after(async () => {
    await configure(Object.fromEntries(CHANGED_SETTINGS.map((key) => [key, undefined])));
    // The records made here (some pending forever) must not be polled during the suites that follow.
    await clearHistory();
    await stopGateway(sim);
  });

  function clearHistory(): Thenable<unknown> {
    return vscode.commands.executeCommand('keccel.clearHistory', { confirm: false });
  }

  async function backgroundBecomes(expected: string | undefined): Promise<void> {
    const api = await keccelApi();
    await waitFor(`the balance background to become ${String(expected)}`,
      () => api.balanceItem().backgroundColor === expected, 5_000, 50);
  }

  async function send(to: string, message: string): Promise<HistoryRecord> {
    const record = await sendSms(to, message);
    assert.ok(record, `sendSms(${to}) returned undefined`);
    return record;
  }

  it('re-colours the balance when the low-credit threshold changes, without asking the gateway again', async () => {
    sim.setBalance(645);
    sim.setExpiration(new Date(Date.now() + 200 * DAY_MS));
    await configure({ 'balance.lowCreditThreshold': 50 });
    assert.strictEqual((await refreshBalance())?.balance, 645);
    await backgroundBecomes(undefined);
    const balanceRequests = requestsTo(sim, 'balance.asp');

    await configure({ 'balance.lowCreditThreshold': 1000 });
    await backgroundBecomes(WARNING);
    assert.match((await keccelApi()).balanceItem().text, /645/);
    await configure({ 'balance.lowCreditThreshold': 50 });
    await backgroundBecomes(undefined);
    assert.strictEqual(requestsTo(sim, 'balance.asp'), balanceRequests, 'a threshold change fetched the balance');
  });

  it('warns of a near expiry as soon as expiryWarningDays reaches the days left', async () => {
    sim.setBalance(645);
    sim.setExpiration(new Date(Date.now() + 20 * DAY_MS));
    await configure({ 'balance.expiryWarningDays': 7 });
    await refreshBalance();
    await backgroundBecomes(undefined);
    const balanceRequests = requestsTo(sim, 'balance.asp');

    await configure({ 'balance.expiryWarningDays': 30 });
    await backgroundBecomes(WARNING);
    await configure({ 'balance.expiryWarningDays': 7 });
    await backgroundBecomes(undefined);
    assert.strictEqual(requestsTo(sim, 'balance.asp'), balanceRequests, 'a warning-days change fetched the balance');
  });

  it('keeps no message text while storeMessageText is off, and keeps it again once it is back on', async () => {
    await configure({ 'history.storeMessageText': false });
    const secret = 'private words 7Q4 not for the history';
    const hidden = await send(MAGIC_REJECTED, secret);
    assert.ok(!('message' in hidden), `the returned record has the text: ${JSON.stringify(hidden)}`);
    const stored = await recordById(hidden.id);
    assert.ok(stored, 'the send is not in the history');
    assert.ok(!('message' in stored), `the stored record has the text: ${JSON.stringify(stored)}`);
    const row = (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === hidden.id);
    assert.ok(row, 'no tree row for the send');
    assert.ok(!row.tooltip.includes('7Q4'), `the tooltip shows the text: ${row.tooltip}`);

    await configure({ 'history.storeMessageText': true });
    const kept = await send(MAGIC_REJECTED, 'stored again 8R5');
    assert.strictEqual(kept.message, 'stored again 8R5');
    assert.strictEqual((await recordById(kept.id))?.message, 'stored again 8R5');
  });

  it('keeps only the newest maxMessages records (minimum 10)', async () => {
    await clearHistory();
    await configure({ 'history.maxMessages': 10 });
    try {
      const sent: HistoryRecord[] = [];
      for (let i = 1; i <= 12; i++) sent.push(await send(MAGIC_REJECTED, `cap ${i}`));
      // The setting reaches the store asynchronously: wait for the history to settle on the cap.
      const expected = sent.slice(2).reverse().map((r) => r.message);
      const api = await keccelApi();
      await waitFor('the history to hold the newest 10 records', async () => {
        const messages = (await api.history()).map((r) => r.message);
        return messages.length === expected.length ? messages : undefined;
      });
      assert.deepStrictEqual((await api.history()).map((r) => r.message), expected);
    } finally {
      await configure({ 'history.maxMessages': undefined });
    }
  });

  it('shows 50 messages and a "Show more" row, and showMoreMessages shows the rest', async function () {
    this.timeout(60_000);
    await clearHistory();
    for (let i = 1; i <= 53; i++) await send(MAGIC_REJECTED, `page ${i}`);
    const api = await keccelApi();
    const rows = await api.messageTreeRows();
    assert.strictEqual(rows.filter((r) => r.recordId).length, 50);
    const more = rows[rows.length - 1];
    assert.strictEqual(more?.recordId, undefined, 'the last row is a message, not "Show more"');
    assert.match(more.label, /Show more/);
    assert.match(more.label, /\b3\b/, `the row does not say how many are left: ${more.label}`);

    await vscode.commands.executeCommand('keccel.showMoreMessages');
    const all = await api.messageTreeRows();
    assert.strictEqual(all.filter((r) => r.recordId).length, 53);
    assert.ok(!all.some((r) => /Show more/.test(r.label)), 'still a "Show more" row with nothing left');
  });

  it('makes no network call without a token, even with a pending message, and resumes with one', async () => {
    const api = await keccelApi();
    const background = () => api.backgroundRequests();
    // The first check falls an hour after the send, so none is out while the token goes: every request counted
    // below was made without the token. The poller still holds that check, armed, until the token goes.
    await configure({ 'delivery.pollIntervalSeconds': 3600 });
    try {
      const pending = await send(MAGIC_NO_REPORT, 'waits for a report that never comes');
      assert.strictEqual(pending.deliveryStatus, 'pending');
      await refreshBalance(); // waits for the refresh that follows a send: no balance request is out either
      await waitFor('the delivery check of the pending message to be scheduled', () => background().deliveryPoller === 'scheduled');
      assert.strictEqual(background().balanceRefresh, true, 'no periodic balance refresh with a token');
      const requestsBefore = sim.requests.length;

      await vscode.commands.executeCommand('keccel.clearToken');
      // Nothing is left that could call the gateway on its own: the poller is gone (not merely between two checks)
      // and the balance timer is off. So the silence checked here lasts, without waiting to see it last.
      await waitFor('the delivery poller and the balance refresh to stop without a token', () => {
        const now = background();
        return now.deliveryPoller === 'stopped' && !now.balanceRefresh;
      }, 10_000, 20);
      const requestsSince = () => sim.requests.slice(requestsBefore).map((r) => r.path);
      assert.deepStrictEqual(requestsSince(), [], 'requests without a token');
      assert.strictEqual(await refreshBalance(), undefined);
      assert.deepStrictEqual(requestsSince(), [], 'a balance refresh without a token made a request');
      assert.doesNotMatch(api.balanceItem().text, /\d/, 'a number in the status bar without a token');
      assert.deepStrictEqual(background(), { deliveryPoller: 'stopped', balanceRefresh: false });
    } finally {
      await configure({ 'delivery.pollIntervalSeconds': 2 });
    }

    // The same pending message is polled again once a token is back (so the silence above was the token's doing).
    const deliveryChecks = requestsTo(sim, 'delivery.asp');
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
    await waitFor('a delivery check after the token is back', () => requestsTo(sim, 'delivery.asp') > deliveryChecks, 10_000);
  });
});
