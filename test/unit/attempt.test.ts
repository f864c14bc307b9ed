// The write-ahead send record: an attempt is in the history before its request leaves, and one whose window
// went away is marked interrupted (unknown, "may have gone through") once no live window can still be waiting.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  COMPLETION_MARGIN_MS, completionPatch, inFlightDeadline, inFlightFields, INTERRUPTED_DESCRIPTION, interruptedPatch, isOrphaned, mayComplete,
} from '../../src/core/attempt';
import { HistoryStore } from '../../src/core/history';
import { longestAnswerWaitMs } from '../../src/core/http';
import { OrphanSweeper } from '../../src/core/orphanSweeper';
import { NO_MESSAGE_ID } from '../../src/core/parse';
import { silentLogger, type HistoryRecord } from '../../src/core/types';
import { FakeClock } from './support/fakeClock';

const SECOND = 1000;
const TIMEOUT = 20 * SECOND;

describe('send attempts (write-ahead)', () => {
  let dir: string;
  let store: HistoryStore;
  let clock: FakeClock;
  const sweepers: OrphanSweeper[] = [];

  function attempt(startMs = clock.now(), timeoutMs = TIMEOUT): Omit<HistoryRecord, 'id'> {
    const at = new Date(startMs).toISOString();
    return {
      to: '243812345678', from: 'ACME', message: 'Bonjour', encoding: 'GSM-7', segments: 1,
      ...inFlightFields(startMs, timeoutMs), sentAt: at, updatedAt: at, sandbox: false,
    };
  }

  function sweeper(): OrphanSweeper {
    const s = new OrphanSweeper(store, clock, silentLogger);
    sweepers.push(s);
    return s;
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-attempt-'));
    store = await HistoryStore.open({ dir });
    clock = new FakeClock();
  });
  afterEach(async () => {
    for (const s of sweepers.splice(0)) {
      s.dispose();
      await s.whenIdle();
    }
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes an attempt as unknown and in flight, with a deadline past the longest wait of its request', () => {
    const fields = inFlightFields(clock.now(), TIMEOUT);
    assert.equal(fields.sendStatus, 'unknown');
    assert.equal(fields.inFlight, true);
    assert.match(fields.description, /^Sending/);
    assert.equal(Date.parse(fields.inFlightUntil!), clock.now() + longestAnswerWaitMs(TIMEOUT) + COMPLETION_MARGIN_MS);
    // connect (at most 10 s) + headers + a pause in the body, each up to the timeout: never shorter than those.
    assert.ok(longestAnswerWaitMs(TIMEOUT) >= 10 * SECOND + 2 * TIMEOUT);
  });

  it('is orphaned only once its deadline has passed, and only while in flight', () => {
    const record = { ...attempt(), id: 'a' } as HistoryRecord;
    const until = Date.parse(record.inFlightUntil!);
    assert.equal(isOrphaned(record, until), false);
    assert.equal(isOrphaned(record, until + 1), true);
    assert.equal(isOrphaned({ ...record, inFlight: undefined }, until + 1), false);
    assert.equal(isOrphaned({ ...record, inFlightUntil: 'garbage' }, 0), true, 'no readable deadline: nobody can be waiting');
  });

  it('completes from the outcome: the in-flight marks go, a sent one is pending, one without an ID says why it is untracked', async () => {
    const record = await store.add(attempt());
    const now = new Date(clock.now()).toISOString();
    const sent = await store.update(record.id, completionPatch({ status: 'sent', messageId: 'f3a0c1e2-uuid', description: 'ok' }, now));
    assert.equal(sent?.sendStatus, 'sent');
    assert.equal(sent?.deliveryStatus, 'pending');
    assert.equal(sent?.messageId, 'f3a0c1e2-uuid');
    assert.equal(sent?.inFlight, undefined);
    assert.equal(sent?.inFlightUntil, undefined);

    const other = await store.add(attempt());
    const untracked = await store.update(other.id, completionPatch({ status: 'sent', description: 'ok', untrackedReason: NO_MESSAGE_ID }, now));
    assert.equal(untracked?.sendStatus, 'sent');
    assert.equal(untracked?.deliveryStatus, undefined, 'nothing to poll without an ID');
    assert.equal(untracked?.untrackedReason, NO_MESSAGE_ID);
  });

  it('lets a gateway answer complete an interrupted record, but not a timeout seen on the way out', () => {
    const inFlight = { ...attempt(), id: 'a' } as HistoryRecord;
    const interrupted = { ...inFlight, ...interruptedPatch(new Date().toISOString()) } as HistoryRecord;
    assert.equal(mayComplete(inFlight, { status: 'unknown', description: 'timeout' }), true);
    assert.equal(mayComplete(interrupted, { status: 'unknown', description: 'reset' }), false);
    assert.equal(mayComplete(interrupted, { status: 'sent', messageId: '1', description: 'ok' }), true);
    assert.equal(mayComplete(interrupted, { status: 'rejected', description: 'no' }), true);
    assert.equal(mayComplete({ ...inFlight, inFlight: undefined, sendStatus: 'sent' }, { status: 'unknown', description: 'x' }), false);
  });

  it('marks an attempt past its deadline interrupted at once: unknown, saying it may have gone through', async () => {
    const record = await store.add(attempt(clock.now() - 10 * 60 * SECOND));
    await sweeper().check([record]);
    const marked = store.get(record.id);
    assert.equal(marked?.sendStatus, 'unknown');
    assert.equal(marked?.interrupted, true);
    assert.equal(marked?.inFlight, undefined);
    assert.equal(marked?.description, INTERRUPTED_DESCRIPTION);
    assert.match(marked!.description, /interrupted.*may or may not have been sent/);
  });

  it('waits for the deadline of an attempt that may still be in flight, then marks it, with one timer', async () => {
    const s = sweeper();
    const a = await store.add(attempt());
    const b = await store.add(attempt(clock.now() + SECOND));
    await s.check([a, b]);
    assert.equal(store.get(a.id)?.inFlight, true, 'marked while its window may still be waiting');
    assert.equal(clock.armedTimers, 1);
    await clock.advanceTo(Date.parse(a.inFlightUntil!) + 1, () => s.whenIdle());
    assert.equal(store.get(a.id)?.interrupted, true);
    assert.equal(store.get(b.id)?.inFlight, true);
    await clock.advance(SECOND, () => s.whenIdle());
    assert.equal(store.get(b.id)?.interrupted, true);
    assert.equal(clock.armedTimers, 0, 'no timer once nothing is in flight');
  });

  it('leaves alone an attempt its window completed before the deadline', async () => {
    const s = sweeper();
    const record = await store.add(attempt());
    await s.check([record]);
    await store.update(record.id, completionPatch({ status: 'rejected', description: 'Invalid destination number' }, new Date(clock.now()).toISOString()));
    await clock.advanceTo(Date.parse(record.inFlightUntil!) + SECOND, () => s.whenIdle());
    assert.equal(store.get(record.id)?.sendStatus, 'rejected');
    assert.equal(store.get(record.id)?.interrupted, undefined);
  });

  it('never marks a record whose answer another window wrote after this one last read it', async () => {
    const record = await store.add(attempt(clock.now() - 10 * 60 * SECOND));
    const stale = store.get(record.id)!;
    const other = await HistoryStore.open({ dir });
    try {
      await other.update(record.id, completionPatch({ status: 'sent', messageId: '77', description: 'ok' }, new Date().toISOString()));
    } finally {
      await other.close();
    }
    await sweeper().check([stale]);
    assert.equal(store.get(record.id)?.sendStatus, 'sent');
    assert.equal(store.get(record.id)?.interrupted, undefined);
  });

  it('arms no timer for records that are not in flight', async () => {
    const s = sweeper();
    const record = await store.add({ ...attempt(), inFlight: undefined, inFlightUntil: undefined, sendStatus: 'sent' });
    await s.check([record, undefined]);
    assert.equal(clock.armedTimers, 0);
    assert.ok(inFlightDeadline(0, 1000));
  });
});
