// The question before sending again after an unknown outcome: VS Code makes the first non-close button of a modal
// dialog its default (Enter) and the close-affordance one its Escape, so neither may be the one that sends.
import * as assert from 'node:assert/strict';
import { sendAgainDetail, sendAgainItems } from '../../src/extension/send/sendAgain';
import type { HistoryRecord } from '../../src/core/types';

const english = { t: (message: string, ...args: Array<string | number | boolean>) => message.replace(/\{(\d+)\}/g, (_, n) => String(args[Number(n)])) };

describe('send again after an unknown outcome', () => {
  it('makes not sending the default (first non-close button) and Escape, and offers Send Again once', () => {
    const items = sendAgainItems(english);
    const buttons = items.filter((i) => !i.isCloseAffordance);
    const close = items.filter((i) => i.isCloseAffordance);
    assert.equal(buttons[0].sends, false, `the default button sends: ${buttons[0].title}`);
    assert.equal(close.length, 1, 'one close affordance of our own, so VS Code adds no other');
    assert.equal(close[0].sends, false);
    assert.deepEqual(items.filter((i) => i.sends).map((i) => i.title), ['Send Again']);
  });

  it('says an interrupted first attempt may have arrived, and that this is a new, charged SMS', () => {
    const record = { from: 'ACME', interrupted: true, sendStatus: 'unknown' } as HistoryRecord;
    const detail = sendAgainDetail(english, record, '1 segment');
    assert.match(detail, /interrupted.*may already have arrived/);
    assert.match(detail, /new SMS \(1 segment\), charged again\. From ACME/);
    assert.match(sendAgainDetail(english, { ...record, interrupted: undefined }, '2 segments'), /first attempt may already have arrived/);
  });
});
