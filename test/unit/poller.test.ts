import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore, type NewHistoryRecord } from '../../src/core/history';
import { DeliveryPoller, type DeliveryPollerOptions } from '../../src/core/poller';
import type { DeliveryAnswer, DeliveryChecker, HistoryRecord } from '../../src/core/types';
import { FakeClock } from './support/fakeClock';

const SECOND = 1000;
const HOUR = 3_600_000;

type Script = (messageId: string, call: number) => DeliveryAnswer['status'] | Error;

/** The poller's port to the gateway, answering from a script and recording what it was asked and when. */
class ScriptedChecker implements DeliveryChecker {
  readonly calls: Array<{ messageId: string; from: string; at: number }> = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly script: Script = () => 'pending',
    /** Real milliseconds each answer takes, to let checks overlap. */
    private readonly latencyMs = 0,
  ) {}

  async delivery(messageId: string, from: string): Promise<DeliveryAnswer> {
    const call = this.calls.filter((c) => c.messageId === messageId).length + 1;
    this.calls.push({ messageId, from, at: this.clock.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const outcome = this.script(messageId, call);
      if (outcome instanceof Error) throw outcome;
      return { messageId, status: outcome, raw: outcome.toUpperCase() };
    } finally {
      this.inFlight--;
    }
  }

  /** Seconds after `start` at which `messageId` was checked. */
  times(messageId: string, start: number): number[] {
    return this.calls.filter((c) => c.messageId === messageId).map((c) => (c.at - start) / SECOND);
  }
}

describe('DeliveryPoller', () => {
  let dir: string;
  let store: HistoryStore;
  let clock: FakeClock;
  let start: number;
  const pollers: DeliveryPoller[] = [];

  function sent(messageId: string, overrides: Partial<HistoryRecord> = {}): NewHistoryRecord {
    const at = new Date(clock.now()).toISOString();
    return {
      messageId,
      to: '243812345678',
      from: 'ACME',
      message: 'Bonjour',
      encoding: 'GSM-7',
      segments: 1,
      sendStatus: 'sent',
      description: 'Sent',
      deliveryStatus: 'pending',
      sentAt: at,
      updatedAt: at,
      sandbox: true,
      ...overrides,
    };
  }

  function poller(checker: DeliveryChecker, options: Partial<DeliveryPollerOptions> = {}): DeliveryPoller {
    const p = new DeliveryPoller({ store, checker, clock, intervalSeconds: 10, giveUpAfterHours: 48, ...options });
    pollers.push(p);
    return p;
  }

  /** Moves the fake time, letting each check's (real) store write finish before time moves on. */
  function advance(ms: number, p: DeliveryPoller): Promise<void> {
    return clock.advance(ms, () => p.whenIdle());
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-poller-'));
    store = await HistoryStore.open({ dir });
    clock = new FakeClock();
    start = clock.now();
  });
  afterEach(async () => {
    for (const p of pollers.splice(0)) {
      p.dispose();
      await p.whenIdle();
    }
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('checks first at the interval after sentAt, then backs off by doubling, with the sender as from', async () => {
    const record = await store.add(sent('m1'));
    const checker = new ScriptedChecker(clock);
    const p = poller(checker);
    p.start();
    assert.equal(p.hasTimer, true);
    await advance(9_999, p);
    assert.equal(checker.calls.length, 0);
    await advance(200 * SECOND, p);
    assert.deepEqual(checker.times('m1', start), [10, 30, 70, 150]);
    assert.deepEqual(checker.calls.map((c) => c.from), ['ACME', 'ACME', 'ACME', 'ACME']);
    const now = store.get(record.id);
    assert.equal(now?.checks, 4);
    assert.equal(now?.lastCheckedAt, new Date(start + 150 * SECOND).toISOString());
    assert.equal(now?.deliveryStatus, 'pending');
  });

  it('caps the backoff at maxIntervalSeconds', async () => {
    await store.add(sent('m1'));
    const checker = new ScriptedChecker(clock);
    const p = poller(checker, { maxIntervalSeconds: 60 });
    p.start();
    await advance(260 * SECOND, p);
    assert.deepEqual(checker.times('m1', start), [10, 30, 70, 130, 190, 250]);
  });

  it('never runs more checks at once than the concurrency cap', async () => {
    for (let i = 0; i < 10; i++) await store.add(sent(`m${i}`));
    const checker = new ScriptedChecker(clock, () => 'delivered', 15);
    const p = poller(checker, { concurrency: 3 });
    p.start();
    await advance(10 * SECOND, p);
    assert.equal(checker.calls.length, 10);
    assert.equal(checker.maxInFlight, 3);
    assert.equal(store.pending().length, 0);
  });

  it('stops polling a message once the gateway says DELIVERED or FAILED, keeping the send description', async () => {
    const ok = await store.add(sent('ok'));
    const ko = await store.add(sent('ko'));
    const finals: string[] = [];
    const checker = new ScriptedChecker(clock, (id) => (id === 'ok' ? 'delivered' : 'failed'));
    const p = poller(checker, { onFinal: (r) => finals.push(`${r.messageId}:${r.deliveryStatus}`) });
    p.start();
    await advance(10 * SECOND, p);
    assert.equal(store.get(ok.id)?.deliveryStatus, 'delivered');
    assert.equal(store.get(ko.id)?.deliveryStatus, 'failed');
    assert.equal(store.get(ok.id)?.description, 'Sent');
    assert.equal(store.get(ok.id)?.updatedAt, new Date(start + 10 * SECOND).toISOString());
    assert.deepEqual(finals.sort(), ['ko:failed', 'ok:delivered']);
    assert.equal(p.hasTimer, false);
    await advance(HOUR, p);
    assert.equal(checker.calls.length, 2);
  });

  it('leaves alone a message another window finished meanwhile: no overwrite, no second final notice', async () => {
    const record = await store.add(sent('m1'));
    // A second window on the same file; it has not reloaded since the first one recorded the report.
    const other = await HistoryStore.open({ dir });
    try {
      assert.equal(other.get(record.id)?.deliveryStatus, 'pending');
      await store.update(record.id, { deliveryStatus: 'delivered' });
      const finals: HistoryRecord[] = [];
      const p = new DeliveryPoller({
        store: other,
        checker: new ScriptedChecker(clock, () => 'failed'),
        clock,
        intervalSeconds: 10,
        giveUpAfterHours: 48,
        onFinal: (r) => finals.push(r),
      });
      pollers.push(p);
      p.start();
      await advance(10 * SECOND, p);
      assert.deepEqual(finals, []);
      assert.equal(other.get(record.id)?.deliveryStatus, 'delivered');
      await store.reload();
      assert.equal(store.get(record.id)?.deliveryStatus, 'delivered');
      assert.equal(store.get(record.id)?.checks, undefined, 'no check counted on a finished message');
    } finally {
      for (const p of pollers.splice(0)) {
        p.dispose();
        await p.whenIdle();
      }
      await other.close();
    }
  });

  it('marks a message expired after giveUpAfterHours and stops polling it', async () => {
    const record = await store.add(sent('slow'));
    const finals: HistoryRecord[] = [];
    const checker = new ScriptedChecker(clock);
    const p = poller(checker, { intervalSeconds: 60, giveUpAfterHours: 1, onFinal: (r) => finals.push(r) });
    p.start();
    await advance(HOUR - SECOND, p);
    assert.equal(store.get(record.id)?.deliveryStatus, 'pending');
    await advance(2 * SECOND, p);
    assert.equal(store.get(record.id)?.deliveryStatus, 'expired');
    assert.equal(finals.length, 1);
    assert.equal(finals[0].id, record.id);
    const last = checker.calls[checker.calls.length - 1];
    assert.equal(last.at, start + HOUR, 'a last check at the deadline');
    assert.equal(p.hasTimer, false);
    const count = checker.calls.length;
    await advance(5 * HOUR, p);
    assert.equal(checker.calls.length, count);
  });

  it('never polls messages that were not accepted with a message id', async () => {
    await store.add(sent('r', { sendStatus: 'rejected', messageId: undefined, deliveryStatus: undefined }));
    await store.add(sent('u', { sendStatus: 'unknown', messageId: undefined, deliveryStatus: undefined }));
    await store.add(sent('f', { sendStatus: 'failed', messageId: undefined, deliveryStatus: undefined }));
    const odd = await store.add(sent('x', { sendStatus: 'unknown' })); // even if someone marked it pending
    const noId = await store.add(sent('y', { messageId: undefined }));
    const checker = new ScriptedChecker(clock);
    const p = poller(checker);
    p.start();
    p.track(odd);
    p.track(noId);
    assert.equal(p.hasTimer, false);
    await p.checkNow();
    await p.checkNow([odd.id, noId.id]);
    await advance(HOUR, p);
    assert.deepEqual(checker.calls, []);
  });

  it('arms no timer when nothing is pending, and drops it once the last pending message is final', async () => {
    const checker = new ScriptedChecker(clock, () => 'delivered');
    const p = poller(checker);
    p.start();
    assert.equal(p.hasTimer, false);
    assert.equal(clock.armedTimers, 0);
    const record = await store.add(sent('m1'));
    p.track(record);
    assert.equal(p.hasTimer, true);
    assert.equal(clock.armedTimers, 1);
    await store.add(sent('m2'));
    assert.equal(clock.armedTimers, 1, 'one timer for the earliest due record');
    await advance(10 * SECOND, p);
    assert.equal(p.hasTimer, false);
    assert.equal(clock.armedTimers, 0);
  });

  it('tells what it will do on its own: idle, scheduled, checking, and stopped once disposed', async () => {
    const answers: Array<() => void> = [];
    const held: DeliveryChecker = {
      delivery: (messageId) => new Promise((resolve) => answers.push(() => resolve({ messageId, status: 'pending', raw: 'PENDING' }))),
    };
    const p = poller(held);
    p.start();
    assert.equal(p.activity, 'idle');
    p.track(await store.add(sent('m1')));
    assert.equal(p.activity, 'scheduled');
    await clock.advance(10 * SECOND); // the check starts, its answer is held
    assert.equal(answers.length, 1);
    assert.equal(p.activity, 'checking');
    answers[0]();
    await p.whenIdle();
    assert.equal(p.activity, 'scheduled', 'the next check of the still pending message');
    p.dispose();
    assert.equal(p.activity, 'stopped');
    assert.equal(clock.armedTimers, 0);
  });

  it('treats a network error as "try again later", never as a failed delivery', async () => {
    const record = await store.add(sent('m1'));
    const statuses: Array<string | undefined> = [];
    const checker = new ScriptedChecker(clock, (_id, call) => (call < 3 ? new Error('connect ECONNREFUSED 127.0.0.1:9') : 'delivered'));
    const p = poller(checker);
    store.onDidChange(() => statuses.push(store.get(record.id)?.deliveryStatus));
    p.start();
    await advance(100 * SECOND, p);
    assert.deepEqual(checker.times('m1', start), [10, 30, 70]);
    assert.deepEqual(statuses, ['pending', 'pending', 'delivered']);
    assert.equal(store.get(record.id)?.checks, 3);
  });

  it('resumes after a restart from what the store says (sentAt, lastCheckedAt, checks)', async () => {
    const record = await store.add(sent('m1'));
    const first = poller(new ScriptedChecker(clock));
    first.start();
    await advance(40 * SECOND, first); // checks at 10 and 30
    first.dispose();
    await store.close();

    store = await HistoryStore.open({ dir });
    assert.equal(store.get(record.id)?.checks, 2);
    const checker = new ScriptedChecker(clock, () => 'delivered');
    const second = poller(checker);
    second.start();
    await advance(29 * SECOND, second);
    assert.equal(checker.calls.length, 0);
    await advance(1 * SECOND, second);
    assert.deepEqual(checker.times('m1', start), [70], 'last check at 30 s + 40 s of backoff');
    assert.equal(store.get(record.id)?.deliveryStatus, 'delivered');
  });

  it('checks a message that came due while the editor was closed as soon as it starts', async () => {
    const record = await store.add(sent('m1'));
    await clock.advance(HOUR);
    const checker = new ScriptedChecker(clock, () => 'delivered');
    const p = poller(checker);
    p.start();
    await p.whenIdle();
    assert.deepEqual(checker.times('m1', start), [3600]);
    assert.equal(store.get(record.id)?.deliveryStatus, 'delivered');
  });

  it('checkNow checks every pending message at once and resolves when their results are stored', async () => {
    const a = await store.add(sent('a'));
    const b = await store.add(sent('b'));
    const checker = new ScriptedChecker(clock, (id) => (id === 'a' ? 'delivered' : 'pending'));
    const p = poller(checker);
    p.start();
    await p.checkNow();
    assert.deepEqual(checker.times('a', start), [0]);
    assert.deepEqual(checker.times('b', start), [0]);
    assert.equal(store.get(a.id)?.deliveryStatus, 'delivered');
    assert.equal(store.get(b.id)?.checks, 1);
    await p.checkNow([b.id]);
    assert.equal(checker.calls.length, 3);
  });

  it('checkNow reports which checks could not reach the gateway, and keeps those messages pending and followed', async () => {
    const a = await store.add(sent('a'));
    const b = await store.add(sent('b'));
    const checker = new ScriptedChecker(clock, (id, call) =>
      id === 'b' && call === 1 ? new Error('Could not reach Keccel (ECONNREFUSED)') : 'pending');
    const p = poller(checker);
    p.start();
    const summary = await p.checkNow();
    assert.equal(summary.checked, 2);
    assert.deepEqual(summary.failed, [{ id: b.id, error: 'Could not reach Keccel (ECONNREFUSED)' }]);
    assert.equal(store.get(b.id)?.deliveryStatus, 'pending');
    assert.equal(store.get(a.id)?.checks, 1);
    // The background polling goes on for the failed one: the next check answers and the summary is clean.
    assert.deepEqual(await p.checkNow([b.id]), { checked: 1, failed: [] });
    // Nothing to check (not pending): nothing checked, nothing failed.
    assert.deepEqual(await p.checkNow(['no-such-id']), { checked: 0, failed: [] });
  });

  it('reschedules when the interval setting changes', async () => {
    await store.add(sent('m1'));
    const checker = new ScriptedChecker(clock);
    const p = poller(checker);
    p.start();
    p.updateSettings({ intervalSeconds: 60 });
    await advance(59 * SECOND, p);
    assert.equal(checker.calls.length, 0);
    await advance(1 * SECOND, p);
    assert.deepEqual(checker.times('m1', start), [60]);
  });
});
