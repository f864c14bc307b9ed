import * as assert from 'node:assert/strict';
import { eventsAfter, firstEvents, storyOf } from '../../src/core/history/events';
import { splitParts } from '../../src/core/parts';
import { analyzeMessage } from '../../src/core/segments';
import type { HistoryRecord } from '../../src/core/types';

const sent: HistoryRecord = {
  id: 'r1', messageId: 'm1', to: '243812345678', from: 'SHOP', message: 'hi', encoding: 'GSM-7', segments: 1,
  sendStatus: 'sent', description: 'Message submitted', deliveryStatus: 'pending',
  sentAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z', sandbox: false,
};

describe('record status history (events)', () => {
  it('starts with the send outcome and appends each change of state, not each check', () => {
    const record = { ...sent, events: firstEvents(sent, sent.sentAt) };
    assert.deepEqual(record.events, [{ at: sent.sentAt, status: 'pending', description: 'Message submitted' }]);
    assert.equal(eventsAfter(record, { checks: 2, lastCheckedAt: '2026-03-01T10:01:00.000Z' }, '2026-03-01T10:01:00.000Z'), undefined);
    const events = eventsAfter(record, { deliveryStatus: 'failed' }, '2026-03-01T10:02:00.000Z', 'FAILED');
    assert.deepEqual(events?.map((e) => [e.status, e.description]), [['pending', 'Message submitted'], ['failed', 'FAILED']]);
  });

  it('gives a record from before events its first state, and tells the story of an old record from its fields', () => {
    const events = eventsAfter(sent, { deliveryStatus: 'delivered' }, '2026-03-01T10:02:00.000Z');
    assert.deepEqual(events?.map((e) => e.status), ['pending', 'delivered']);
    const old = { ...sent, deliveryStatus: 'delivered' as const, updatedAt: '2026-03-01T10:05:00.000Z' };
    assert.deepEqual(storyOf(old).map((e) => [e.status, e.at]), [['pending', sent.sentAt], ['delivered', old.updatedAt]]);
    assert.deepEqual(storyOf({ ...sent, sendStatus: 'failed', deliveryStatus: undefined }).map((e) => e.status), ['notSent']);
  });
});

describe('splitParts (the details page)', () => {
  it('splits as analyzeMessage counts: 153 septets per part, an escape pair never cut', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const parts = splitParts(text);
    assert.equal(parts.length, analyzeMessage(text).segments);
    assert.equal(parts[0], 'a'.repeat(152));
    assert.equal(parts.join(''), text);
    assert.deepEqual(splitParts('short'), ['short']);
    assert.deepEqual(splitParts(''), []);
  });
  it('never cuts an emoji across UCS-2 parts', () => {
    const text = 'x'.repeat(66) + '😀' + 'y'.repeat(10);
    const parts = splitParts(text);
    assert.equal(parts.length, 2);
    assert.equal(parts[1].startsWith('😀'), true);
  });
});
