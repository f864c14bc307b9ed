import * as assert from 'node:assert/strict';
import { filterRecords, parseFilter } from '../../src/core/history/filter';
import type { HistoryRecord } from '../../src/core/types';

function rec(id: string, to: string, message: string | undefined, state: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    id, to, from: 'SHOP', ...(message === undefined ? {} : { message }), encoding: 'GSM-7', segments: 1, sendStatus: 'sent',
    description: 'Message submitted', deliveryStatus: 'delivered', sentAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z', sandbox: false, ...state,
  };
}

const records = [
  rec('a', '243812345678', 'Réunion demain à 9 h'),
  rec('b', '243991234567', 'Facture payée', { deliveryStatus: 'failed' }),
  rec('c', '243812349999', undefined, { sendStatus: 'rejected', deliveryStatus: undefined, description: 'Invalid token' }),
];
const ids = (query: string, words = new Map()) => {
  const filter = parseFilter(query, words);
  return filter ? filterRecords(records, filter).map((r) => r.id) : records.map((r) => r.id);
};

describe('history filter', () => {
  it('finds a number however it is typed', () => {
    for (const q of ['0812', '812 34', '+243 81 234', '00243812', '243812']) assert.deepEqual(ids(q), ['a', 'c'], q);
    assert.deepEqual(ids('081 234 5678'), ['a']);
  });
  it('finds a state by its name, also in the words the caller gives (French)', () => {
    assert.deepEqual(ids('failed'), ['b']);
    assert.deepEqual(ids('Rejected'), ['c']);
    assert.deepEqual(ids('échec', new Map([['echec', 'failed']])), ['b']);
  });
  it('finds text, sender and gateway words with case and accents ignored; words combine', () => {
    assert.deepEqual(ids('reunion'), ['a']);
    assert.deepEqual(ids('re\u0301union'), ['a'], 'a decomposed accent');
    assert.deepEqual(ids('FACTURE'), ['b']);
    assert.deepEqual(ids('invalid'), ['c']);
    assert.deepEqual(ids('0812 delivered'), ['a']);
    assert.deepEqual(ids('"demain à"'), ['a']);
    assert.deepEqual(ids('   '), ['a', 'b', 'c']);
  });
});
