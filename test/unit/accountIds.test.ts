// Stable account ids: a token and a history file follow an account through a rename, never to another account.
import * as assert from 'node:assert/strict';
import {
  IMPLICIT_ACCOUNT_ID,
  historyFileName,
  initialIdState,
  newAccountId,
  parseAccounts,
  readIdState,
  reconcileIds,
  type AccountIdState,
} from '../../src/core/accounts';

function reconcile(state: AccountIdState, raw: unknown) {
  const parsed = parseAccounts(raw);
  return reconcileIds(state, parsed.entries, parsed.names);
}

describe('accounts: stable ids', () => {
  it('the implicit Keccel keeps the id it had before accounts, in and out of the list', () => {
    const first = reconcile(initialIdState(), []);
    assert.equal(first.state.ids.Keccel, IMPLICIT_ACCOUNT_ID);
    const added = reconcile(first.state, [{ name: 'Keccel' }, { name: 'Acme', production: true }]);
    assert.equal(added.state.ids.Keccel, IMPLICIT_ACCOUNT_ID);
    assert.notEqual(added.state.ids.Acme, IMPLICIT_ACCOUNT_ID);
    assert.equal(added.renamed, undefined);
  });

  it('a renamed account keeps its id (so its token and history file)', () => {
    const start = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'Acme', production: true, baseUrl: 'https://gw.example.cd/sms/v2' }]).state;
    const acmeId = start.ids.Acme;
    const renamed = reconcile(start, [{ name: 'Keccel' }, { name: 'Acme RDC', production: true, baseUrl: 'https://gw.example.cd/sms/v2' }]);
    assert.equal(renamed.state.ids['Acme RDC'], acmeId);
    assert.equal(renamed.state.ids.Acme, undefined);
    assert.deepEqual(renamed.renamed, { from: 'Acme', to: 'Acme RDC', id: acmeId });
  });

  it('a "rename" that also changes the gateway or the production flag is a new account: no token moves', () => {
    const start = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'Test' }]).state;
    const prod = reconcile(start, [{ name: 'Keccel' }, { name: 'Client', production: true }]);
    assert.notEqual(prod.state.ids.Client, start.ids.Test);
    assert.equal(prod.renamed, undefined);
    const other = reconcile(start, [{ name: 'Keccel' }, { name: 'Client', baseUrl: 'https://other.example/sms/v2' }]);
    assert.notEqual(other.state.ids.Client, start.ids.Test);
  });

  it('two names changed at once are not guessed: both get new ids', () => {
    const start = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'A' }, { name: 'B' }]).state;
    const next = reconcile(start, [{ name: 'Keccel' }, { name: 'C' }, { name: 'D' }]);
    assert.equal(next.renamed, undefined);
    for (const name of ['C', 'D']) assert.ok(![start.ids.A, start.ids.B].includes(next.state.ids[name]), name);
  });

  it('an entry that turns invalid while being edited keeps its id', () => {
    const start = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'Acme', baseUrl: 'https://gw.example.cd' }]).state;
    const editing = reconcile(start, [{ name: 'Keccel' }, { name: 'Acme', baseUrl: 'http://gw.example.cd' }]);
    assert.equal(editing.state.ids.Acme, start.ids.Acme);
    const fixed = reconcile(editing.state, [{ name: 'Keccel' }, { name: 'Acme', baseUrl: 'https://gw.example.cd' }]);
    assert.equal(fixed.state.ids.Acme, start.ids.Acme);
  });

  it('new ids are the same in every window and never collide with one in use', () => {
    const a = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'Acme RDC' }]).state.ids['Acme RDC'];
    const b = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'Acme RDC' }]).state.ids['Acme RDC'];
    assert.equal(a, b);
    assert.match(a, /^acme-rdc-[0-9a-f]{8}$/);
    assert.equal(newAccountId('Acme RDC', new Set([a])), `${a}-2`);
    // Renamed away, then the old name added again: the renamed one keeps the id, the new one gets another.
    const start = reconcile(initialIdState(), [{ name: 'Keccel' }, { name: 'Acme' }]).state;
    const renamed = reconcile(start, [{ name: 'Keccel' }, { name: 'Acme Old' }]).state;
    const readded = reconcile(renamed, [{ name: 'Keccel' }, { name: 'Acme Old' }, { name: 'Acme' }]).state;
    assert.equal(readded.ids['Acme Old'], start.ids.Acme);
    assert.notEqual(readded.ids.Acme, start.ids.Acme);
  });

  it('a stored state that is not ours is read as nothing stored, and a bad id is dropped', () => {
    assert.deepEqual(readIdState('garbage'), initialIdState());
    const state = readIdState({ ids: { Keccel: 'default', Evil: '../../etc/passwd' }, listed: [{ name: 'Keccel', production: false }] });
    assert.deepEqual(state.ids, { Keccel: 'default' });
  });

  it('each account has its own history file; the implicit one keeps today\'s', () => {
    assert.equal(historyFileName(IMPLICIT_ACCOUNT_ID), 'history.jsonl');
    assert.equal(historyFileName('acme-rdc-1234abcd'), 'history-acme-rdc-1234abcd.jsonl');
    assert.throws(() => historyFileName('../x'));
  });
});
