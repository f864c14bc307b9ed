import * as assert from 'node:assert/strict';
import { ageOf, nextAgeChange } from '../../src/core/age';
import { previewText } from '../../src/core/preview';
import { formatNumber, formatNumberCompact } from '../../src/core/numbers';

const MIN = 60_000;
const t0 = Date.parse('2026-03-01T10:00:00.000Z');

describe('ageOf (tree rows)', () => {
  it('floors like a clock: 3 min 30 s is 3 minutes, never 2 nor 4', () => {
    assert.deepEqual(ageOf(t0, t0 + 3.5 * MIN), { unit: 'minute', value: 3 });
    assert.deepEqual(ageOf(t0, t0 + 4 * MIN - 1), { unit: 'minute', value: 3 });
    assert.deepEqual(ageOf(t0, t0 + 4 * MIN), { unit: 'minute', value: 4 });
  });

  it('reads "now" under a minute (and for a clock slightly behind), then hours, days, a date after a week', () => {
    assert.deepEqual(ageOf(t0, t0 + 59_999), { unit: 'now' });
    assert.deepEqual(ageOf(t0, t0 - 5_000), { unit: 'now' });
    assert.deepEqual(ageOf(t0, t0 + 59 * MIN), { unit: 'minute', value: 59 });
    assert.deepEqual(ageOf(t0, t0 + 119 * MIN), { unit: 'hour', value: 1 });
    assert.deepEqual(ageOf(t0, t0 + 47 * 60 * MIN), { unit: 'day', value: 1 });
    assert.deepEqual(ageOf(t0, t0 + 7 * 24 * 60 * MIN), { unit: 'date' });
  });

  it('nextAgeChange says when the shown age turns over, so the view can refresh right then', () => {
    assert.equal(nextAgeChange(t0, t0 + 3.5 * MIN), 0.5 * MIN);
    assert.equal(nextAgeChange(t0, t0), MIN);
    assert.equal(nextAgeChange(t0, t0 + 90 * MIN), 30 * MIN);
    assert.equal(nextAgeChange(t0, t0 + 8 * 24 * 60 * MIN), undefined);
    // Whatever the moment, the age right after the announced change differs from the age now.
    for (const elapsed of [0, 1, 59_999, 61_000, 3_599_000, 3_600_000, 86_399_000, 5 * 86_400_000]) {
      const wait = nextAgeChange(t0, t0 + elapsed);
      assert.ok(wait !== undefined && wait > 0);
      assert.notDeepEqual(ageOf(t0, t0 + elapsed + wait), ageOf(t0, t0 + elapsed), `at ${elapsed}`);
      assert.deepEqual(ageOf(t0, t0 + elapsed + wait - 1), ageOf(t0, t0 + elapsed), `before the change at ${elapsed}`);
    }
  });
});

describe('previewText (the start of a message on one line)', () => {
  it('keeps a short text whole, on one line', () => {
    assert.equal(previewText('Bonjour\r\nà  demain'), 'Bonjour à demain');
  });
  it('cuts a long text at a word with an ellipsis, within the limit', () => {
    const cut = previewText('Votre rendez-vous est confirmé pour demain à 10 h', 24);
    assert.equal(cut, 'Votre rendez-vous est…');
    assert.ok(Array.from(cut).length <= 24);
  });
  it('never cuts an emoji in half', () => {
    const cut = previewText('😀'.repeat(30), 10);
    assert.equal(cut, '😀'.repeat(9) + '…');
  });
});

describe('one way to write a number', () => {
  it('groups the digits 2-3-4 in the full form and in the compact form of the tree rows', () => {
    assert.equal(formatNumber('243812345678'), '+243 81 234 5678');
    assert.equal(formatNumberCompact('243812345678'), '081 234 5678');
    // The compact form is the full one without its country code: the same groups, the trunk 0 in front.
    assert.equal(formatNumberCompact('243812345678').slice(1), formatNumber('243812345678').slice(5));
    assert.equal(formatNumberCompact('not a number'), 'not a number');
  });
});
