// "Look Up Message": a message ID from another app's logs, checked against the gateway (the real simulator over
// HTTP, as an app would have sent it), recorded in a real history file with origin `lookup`, then followed by the
// real poller to its final status.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KeccelClient } from '../../src/core/client';
import { NetworkError } from '../../src/core/errors';
import { HistoryStore } from '../../src/core/history';
import { checkMessageId, lookupMessage } from '../../src/core/lookup';
import { DeliveryPoller } from '../../src/core/poller';
import { KeccelSimulator, MAGIC_NO_REPORT } from '../../src/simulator';

const TOKEN = 'lookup-test-token';
const target = { account: 'Acme', sender: 'ACME', sandbox: false };

describe('lookupMessage', () => {
  let dir: string;
  let sim: KeccelSimulator;
  let client: KeccelClient;
  let store: HistoryStore;

  /** A message sent by "another app": a plain POST to the simulator, not through the extension. */
  async function appSend(to = '243812345678'): Promise<string> {
    const res = await fetch(`${sim.baseUrl}/message.asp`, {
      method: 'POST',
      body: JSON.stringify({ token: TOKEN, to, from: 'MYAPP', message: 'Votre commande est prête' }),
    });
    const answer = (await res.json()) as { messageID: string };
    return answer.messageID;
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-lookup-'));
    sim = new KeccelSimulator({ token: TOKEN, deliveryDelayMs: null });
    await sim.start();
    client = new KeccelClient({ baseUrl: sim.baseUrl, token: TOKEN, timeoutMs: 2000, retryBaseDelayMs: 5, maxRetries: 0 });
    store = await HistoryStore.open({ dir, fileName: 'history-acme.jsonl' });
  });

  afterEach(async () => {
    await store.close();
    await client.close();
    await sim.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('records a known ID with its status, origin lookup, the account, and no recipient or text', async () => {
    const messageId = await appSend();
    const before = Date.now();
    const result = await lookupMessage(` ${messageId} `, { checker: client, store, target });
    assert.ok(result.found);
    const { record } = result;
    assert.equal(result.existing, false);
    assert.equal(record.messageId, messageId);
    assert.equal(record.origin, 'lookup');
    assert.equal(record.account, 'Acme');
    assert.equal(record.to, '');
    assert.equal(record.message, undefined);
    assert.equal(record.sendStatus, 'sent');
    assert.equal(record.deliveryStatus, 'pending');
    assert.ok(Date.parse(record.sentAt) >= before - 5, 'sentAt is the time of the lookup');
    // On disk, as any other record: a reopened store has it.
    const reopened = await HistoryStore.open({ dir, fileName: 'history-acme.jsonl' });
    assert.equal(reopened.get(record.id)?.origin, 'lookup');
    await reopened.close();
  });

  it('an ID the gateway does not know records nothing, and says what the gateway said', async () => {
    const result = await lookupMessage('999999999', { checker: client, store, target });
    assert.deepEqual(result, { found: false, description: 'Unknown messageid' });
    assert.equal(store.size, 0);
  });

  it('an ID already in this history is not recorded twice', async () => {
    const messageId = await appSend();
    const first = await lookupMessage(messageId, { checker: client, store, target });
    const second = await lookupMessage(messageId, { checker: client, store, target });
    assert.ok(first.found && second.found);
    assert.equal(second.existing, true);
    assert.equal(second.record.id, first.record.id);
    assert.equal(store.size, 1);
  });

  it('a gateway that cannot be reached rejects and records nothing', async () => {
    const messageId = await appSend();
    await sim.stop();
    await assert.rejects(lookupMessage(messageId, { checker: client, store, target }), NetworkError);
    assert.equal(store.size, 0);
    await sim.start();
  });

  it('a final status is recorded as final; a pending one is followed by the poller to its outcome', async () => {
    const delivered = await appSend();
    sim.setOutcome(delivered, 'DELIVERED');
    const done = await lookupMessage(delivered, { checker: client, store, target });
    assert.ok(done.found);
    assert.equal(done.record.deliveryStatus, 'delivered');

    const pending = await appSend(MAGIC_NO_REPORT);
    const looked = await lookupMessage(pending, { checker: client, store, target });
    assert.ok(looked.found);
    const poller = new DeliveryPoller({ store, checker: client, intervalSeconds: 1, giveUpAfterHours: 1 });
    try {
      sim.setOutcome(pending, 'FAILED');
      const summary = await poller.checkNow([looked.record.id]);
      assert.equal(summary.checked, 1);
      assert.equal(store.get(looked.record.id)?.deliveryStatus, 'failed');
      assert.deepEqual(store.get(looked.record.id)?.events?.map((e) => e.status), ['pending', 'failed']);
    } finally {
      poller.dispose();
    }
  });

  it('refuses what cannot be a message ID before asking', () => {
    assert.equal(checkMessageId('123456'), undefined);
    assert.equal(checkMessageId('16620c03-e7f4-4b40-8c1e-e6ba98da253e'), undefined);
    assert.equal(checkMessageId('  '), 'empty');
    assert.equal(checkMessageId('SENT, 123 queued'), 'invalid');
    assert.equal(checkMessageId('1'.repeat(101)), 'tooLong');
  });
});
