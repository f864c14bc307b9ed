// The accounts model: what `keccel.accounts` may hold, what a user with no list keeps (the implicit `Keccel`), and
// what an edit of ours writes back.
import * as assert from 'node:assert/strict';
import {
  IMPLICIT_ACCOUNT_ID,
  IMPLICIT_ACCOUNT_NAME,
  checkAccountName,
  parseAccounts,
  resolveAccounts,
  withAccountAdded,
  withAccountRemoved,
} from '../../src/core/accounts';
import { LIVE_BASE_URL } from '../../src/core/baseUrl';

const defaults = { apiBaseUrl: 'http://127.0.0.1:8787/sms/v2', sender: 'GUEST' };
const idOf = (name: string) => (name === IMPLICIT_ACCOUNT_NAME ? IMPLICIT_ACCOUNT_ID : `id-${name.toLowerCase()}`);

describe('accounts: the setting', () => {
  it('without a list, there is one account: the implicit Keccel with today\'s base URL, sender and id', () => {
    for (const raw of [undefined, null, []]) {
      const parsed = parseAccounts(raw);
      assert.deepEqual(parsed.problems, []);
      const accounts = resolveAccounts(parsed.entries, idOf, defaults);
      assert.deepEqual(accounts, [
        { id: IMPLICIT_ACCOUNT_ID, name: 'Keccel', production: false, baseUrl: defaults.apiBaseUrl, sender: 'GUEST', implicit: true },
      ]);
    }
  });

  it('reads each entry with its defaults: the live gateway, the sender setting, not production', () => {
    const parsed = parseAccounts([
      { name: 'Keccel' },
      { name: ' Acme RDC ', production: true, baseUrl: 'https://gw.example.cd/sms/v2', sender: 'ACME' },
      { name: 'Test' },
    ]);
    assert.deepEqual(parsed.problems, []);
    const accounts = resolveAccounts(parsed.entries, idOf, defaults);
    assert.deepEqual(
      accounts.map((a) => [a.name, a.production, a.baseUrl, a.sender, a.implicit]),
      [
        // The one that holds the implicit id keeps following keccel.apiBaseUrl: adding an account changed nothing for it.
        ['Keccel', false, defaults.apiBaseUrl, 'GUEST', false],
        ['Acme RDC', true, 'https://gw.example.cd/sms/v2', 'ACME', false],
        ['Test', false, LIVE_BASE_URL, 'GUEST', false],
      ],
    );
  });

  it('leaves out a bad entry with a problem that names it, and keeps the others', () => {
    const parsed = parseAccounts([
      { name: 'Good' },
      'Acme',
      { production: true },
      { name: 'good' },
      { name: 'Plain', baseUrl: 'http://gw.example.cd/sms/v2' },
      { name: 'Flag', production: 'yes' },
      { name: 'Long sender', sender: 'KINSHASA-TELECOM' },
      { name: 'x'.repeat(41) },
      { name: 'Two\nlines' },
    ]);
    assert.deepEqual(parsed.entries.map((e) => e.name), ['Good']);
    assert.deepEqual(
      parsed.problems.map((p) => [p.index, p.reason, p.detail]),
      [
        [1, 'notObject', undefined],
        [2, 'name', undefined],
        [3, 'duplicate', undefined],
        [4, 'baseUrl', 'insecure'],
        [5, 'production', undefined],
        [6, 'sender', 'tooLong'],
        [7, 'nameTooLong', undefined],
        [8, 'name', undefined],
      ],
    );
    assert.match(parsed.problems[3].message, /"Plain".*plain http is allowed only to this machine/);
    // The readable names of bad entries still count for the ids (a hand edit in progress is not a removal).
    assert.deepEqual(parsed.names, ['Good', 'Plain', 'Flag', 'Long sender', 'x'.repeat(41)]);
  });

  it('reads a value that is not a list as no accounts, and says so', () => {
    const parsed = parseAccounts({ name: 'Acme' });
    assert.deepEqual(parsed.entries, []);
    assert.equal(parsed.problems[0].reason, 'notObject');
  });

  it('checks a typed name: one line, not empty, at most 40 characters', () => {
    assert.equal(checkAccountName('Acme RDC'), undefined);
    assert.equal(checkAccountName('  '), 'name');
    assert.equal(checkAccountName('a\tb'), 'name');
    assert.equal(checkAccountName('é'.repeat(40)), undefined);
    assert.equal(checkAccountName('é'.repeat(41)), 'nameTooLong');
  });
});

describe('accounts: editing the setting', () => {
  it('the first added account joins the implicit Keccel, which stays in the list', () => {
    const list = withAccountAdded(undefined, { name: 'Acme', production: true, sender: 'ACME' });
    assert.deepEqual(list, [{ name: 'Keccel' }, { name: 'Acme', production: true, sender: 'ACME' }]);
    assert.deepEqual(withAccountAdded(list, { name: 'Test', production: false }), [...list, { name: 'Test' }]);
  });

  it('keeps the user\'s other items as written, bad ones included, when it adds or removes', () => {
    const raw = [{ name: 'Keccel' }, { name: 'Draft', baseUrl: 'http://far.example' }, { name: 'Acme', production: true }];
    assert.deepEqual(withAccountRemoved(raw, 'acme'), raw.slice(0, 2));
    assert.deepEqual(withAccountAdded(raw, { name: 'New', production: false }).slice(0, 3), raw);
  });
});
