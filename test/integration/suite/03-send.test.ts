// keccel.sendSms with `{to, message}` (confirmBeforeSend off): every attempt becomes a history record, shown in
// the Messages tree, and accepted messages are polled to their final delivery status. The magic recipients of
// the simulator drive each outcome; an uncertain send is never retried (it would charge twice).
import * as assert from 'assert';
import type { KeccelSimulator } from '../../../src/simulator';
import {
  MAGIC_FAILED_DELIVERY, MAGIC_HTML_500, MAGIC_REJECTED, MAGIC_RESET, MAGIC_SLOW,
} from '../../../src/simulator';
import type { HistoryRecord } from '../../../src/core/types';
import { configure, keccelApi, postsTo, recordById, requestsTo, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

describe('sending', () => {
  let sim: KeccelSimulator;
  before(async () => { sim = await startGateway(); });
  after(async () => { await stopGateway(sim); });

  async function sendOk(to: string, message: string): Promise<HistoryRecord> {
    const record = await sendSms(to, message);
    assert.ok(record, `sendSms(${to}) returned undefined`);
    return record;
  }

  it('records an accepted message as sent and pending, with the number normalised', async () => {
    const record = await sendOk('+243 81 234 5678', 'Mbote! Test depuis VS Code.');
    assert.strictEqual(record.sendStatus, 'sent');
    assert.strictEqual(record.deliveryStatus, 'pending');
    assert.strictEqual(record.to, '243812345678');
    assert.ok(record.messageId, 'no messageId on an accepted message');
    assert.strictEqual(record.encoding, 'GSM-7');
    assert.strictEqual(record.segments, 1);
    assert.strictEqual(record.sandbox, false);
    assert.strictEqual(record.message, 'Mbote! Test depuis VS Code.');
    assert.strictEqual(postsTo(sim, '243812345678'), 1);
    const history = await (await keccelApi()).history();
    assert.strictEqual(history[0]?.id, record.id, 'the new record is not the newest in history()');
  });

  it('shows the record in the Messages tree with the carrier name and a status icon', async () => {
    const record = await sendOk('0851234567', 'Orange test');
    const row = await waitFor('the tree row', async () =>
      (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === record.id));
    const shown = `${row.label} ${row.description ?? ''}`;
    assert.match(shown, /Orange/, `no carrier name in the row: "${shown}"`);
    assert.ok(row.iconId, 'the row has no status icon');
    // The snapshot is the Markdown source: spaces as &nbsp;, punctuation backslash-escaped.
    const tooltip = row.tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.ok(tooltip.includes('Orange test'), `the tooltip does not tell the message text: ${row.tooltip}`);
  });

  it('names each carrier of the number plan', async () => {
    const cases: [string, RegExp][] = [['0821234567', /Vodacom/], ['0971234567', /Airtel/], ['0901234567', /Africell/]];
    for (const [to, carrier] of cases) {
      const record = await sendOk(to, 'carrier');
      const rows = await (await keccelApi()).messageTreeRows();
      const row = rows.find((r) => r.recordId === record.id);
      assert.ok(row, `no row for ${to}`);
      assert.match(`${row.label} ${row.description ?? ''}`, carrier);
    }
  });

  it('counts French text outside GSM-7 as UCS-2', async () => {
    const record = await sendOk('0812345670', 'Bonne fête à toute la famille');
    assert.strictEqual(record.encoding, 'UCS-2');
  });

  it('polls an accepted message until it is delivered, and the tree icon follows', async () => {
    const record = await sendOk('0812345679', 'delivered soon');
    const pendingIcon = (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === record.id)?.iconId;
    const delivered = await waitFor('delivery to be reported', async () => {
      const current = await recordById(record.id);
      return current?.deliveryStatus === 'delivered' ? current : undefined;
    });
    assert.strictEqual(delivered.sendStatus, 'sent');
    const row = (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === record.id);
    assert.ok(row?.iconId && row.iconId !== pendingIcon, `icon did not change from "${pendingIcon}" to a final one`);
  });

  it('polls a message whose delivery fails until it is marked failed', async () => {
    const record = await sendOk(MAGIC_FAILED_DELIVERY, 'will fail');
    assert.strictEqual(record.sendStatus, 'sent');
    await waitFor('the failed delivery report', async () => (await recordById(record.id))?.deliveryStatus === 'failed');
  });

  it('records a rejected message with the gateway\'s description and no delivery status', async () => {
    const record = await sendOk(MAGIC_REJECTED, 'rejected');
    assert.strictEqual(record.sendStatus, 'rejected');
    assert.match(record.description, /Invalid destination number/);
    assert.strictEqual(record.deliveryStatus, undefined);
    const row = (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === record.id);
    assert.ok(row, 'a rejected message is not in the tree');
  });

  for (const [to, what] of [[MAGIC_RESET, 'a connection reset after the POST'], [MAGIC_HTML_500, 'an HTML 500 page']]) {
    it(`records ${what} as unknown and never resends it`, async () => {
      const balanceChecks = requestsTo(sim, 'balance.asp');
      const record = await sendOk(to, `unknown outcome ${to}`);
      assert.strictEqual(record.sendStatus, 'unknown');
      // A retry would come before the extension is done with the send; the balance refresh it asks for after a
      // send (not refused) shows it is done.
      await waitFor('the balance refresh after the send', () => requestsTo(sim, 'balance.asp') > balanceChecks);
      assert.strictEqual(postsTo(sim, to), 1, 'the POST was retried');
      assert.strictEqual((await recordById(record.id))?.sendStatus, 'unknown');
    });
  }

  it('records a send whose answer never comes in time as unknown, sent once', async () => {
    await configure({ requestTimeoutSeconds: 1 });
    try {
      const record = await sendOk(MAGIC_SLOW, 'slow gateway');
      assert.strictEqual(record.sendStatus, 'unknown');
      assert.strictEqual(postsTo(sim, MAGIC_SLOW), 1);
    } finally {
      await configure({ requestTimeoutSeconds: 3 });
    }
  });

  it('writes the attempt to the history before its POST leaves: unknown, in flight, a spinning row, then its outcome', async () => {
    await configure({ requestTimeoutSeconds: 2 });
    try {
      const api = await keccelApi();
      const before = postsTo(sim, MAGIC_SLOW);
      const sending = sendSms(MAGIC_SLOW, 'written before it leaves');
      // The slow magic number holds its answer past the timeout: this is the window in which a reload loses a send.
      await waitFor('the POST to reach the simulator', () => postsTo(sim, MAGIC_SLOW) > before, 10_000, 20);
      const attempt = (await api.history()).find((r) => r.message === 'written before it leaves');
      assert.ok(attempt, 'no history record while the POST is in flight');
      assert.strictEqual(attempt.sendStatus, 'unknown');
      assert.strictEqual(attempt.inFlight, true);
      assert.match(attempt.description, /^Sending/);
      const row = (await api.messageTreeRows()).find((r) => r.recordId === attempt.id);
      assert.ok(row, 'the in-flight send has no tree row');
      assert.strictEqual(row.iconId, 'loading~spin');
      assert.match(row.description ?? '', /^Sending… · .* · Vodacom$/);

      const record = await sending;
      assert.ok(record);
      assert.strictEqual(record.id, attempt.id, 'the outcome went to another record than the attempt');
      assert.strictEqual(record.sendStatus, 'unknown');
      assert.strictEqual(record.inFlight, undefined);
      assert.match(record.description, /No answer from Keccel within 2 s/);
      assert.strictEqual((await api.history()).filter((r) => r.message === 'written before it leaves').length, 1);
      const done = (await api.messageTreeRows()).find((r) => r.recordId === record.id);
      assert.strictEqual(done?.iconId, 'question');
      assert.strictEqual(postsTo(sim, MAGIC_SLOW), before + 1);
    } finally {
      await configure({ requestTimeoutSeconds: 3 });
    }
  });

  it('sends nothing for an invalid recipient and returns undefined', async () => {
    const posts = sim.requests.filter((r) => r.method === 'POST').length;
    const record = await sendSms('12345', 'nowhere');
    assert.strictEqual(record, undefined);
    assert.strictEqual(sim.requests.filter((r) => r.method === 'POST').length, posts);
  });

  it('refreshes the balance in the status bar after a send', async () => {
    await sendOk('0812345671', 'balance follows');
    const expected = String(sim.balance);
    await waitFor(`the status bar to show ${expected}`, async () => (await keccelApi()).balanceItem().text.includes(expected));
  });

  it('keeps the status word and age first on rows (then text start and carrier) and gives rejected and undelivered messages different icons', async () => {
    const rejected = await sendOk(MAGIC_REJECTED, 'short row rejected');
    const undelivered = await sendOk(MAGIC_FAILED_DELIVERY, 'short row undelivered');
    await waitFor('the failed delivery report', async () => (await recordById(undelivered.id))?.deliveryStatus === 'failed');
    const rows = await waitFor('the undelivered row', async () => {
      const all = await (await keccelApi()).messageTreeRows();
      return all.find((r) => r.recordId === undelivered.id && /Failed/.test(r.description ?? '')) ? all : undefined;
    });
    const rejectedRow = rows.find((r) => r.recordId === rejected.id);
    const undeliveredRow = rows.find((r) => r.recordId === undelivered.id);
    assert.ok(rejectedRow && undeliveredRow);
    assert.strictEqual(rejectedRow.label, '081 000 0002', 'the row label is not the short national form');
    assert.match(rejectedRow.description ?? '', /^Rejected · (now|\d+m) · “short row rejected” · Vodacom$/);
    // The sidebar cuts the description from its end: the status and the age come first, within ~25 characters.
    assert.ok((rejectedRow.description ?? '').indexOf('“') <= 25, `status and age too long for the sidebar: "${rejectedRow.description}"`);
    assert.notStrictEqual(rejectedRow.iconId, undeliveredRow.iconId, 'rejected and undelivered look the same');
    // The long wording stays in the tooltip, the gateway's words named as its own.
    assert.match(rejectedRow.tooltip, /Rejected by Keccel: Invalid destination number/);
    // A failed delivery names itself first, the gateway's earlier "submitted" second, as history.
    const plain = undeliveredRow.tooltip.replace(/\\(.)/g, '$1');
    const failedAt = plain.indexOf('Delivery failed: the network reported');
    const earlierAt = plain.indexOf('When it was sent, Keccel said:');
    assert.ok(failedAt >= 0 && earlierAt > failedAt, `failure not named before the earlier words: ${plain}`);
  });

  it('says an unknown outcome with its cause once and actionable advice', async () => {
    const record = await sendOk(MAGIC_RESET, 'tooltip of an unknown outcome');
    assert.strictEqual(record.sendStatus, 'unknown');
    const row = (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === record.id);
    assert.ok(row);
    assert.ok(!/Gateway said/.test(row.tooltip), `the tooltip puts words in the gateway's mouth: ${row.tooltip}`);
    const plain = row.tooltip.replace(/\\(.)/g, '$1');
    assert.match(plain, /Outcome unknown: The connection to Keccel broke before it answered\./);
    assert.ok(!/may (or may not )?have been sent/.test(plain), `the cause repeats the core's advice: ${plain}`);
    // What the user can check, and the risk of sending again.
    for (const advice of [/Ask the recipient/, /balance before this send: if it went down by 1/, /Keccel dashboard/, /deliver it twice/]) {
      assert.match(plain, advice);
    }
    assert.ok(!row.tooltip.includes('&nbsp;'), 'non-breaking spaces keep long tooltip lines from wrapping');
  });
});
