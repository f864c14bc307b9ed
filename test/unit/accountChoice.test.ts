// Which account a window uses, and which confirmation a send from it gets.
import * as assert from 'node:assert/strict';
import { chooseActive, confirmationFor, type Account, type ActiveChoiceInput } from '../../src/core/accounts';

const account = (name: string, production = false): Account => ({
  id: name.toLowerCase(),
  name,
  production,
  baseUrl: 'https://api.keccel.com/sms/v2',
  sender: 'GUEST',
  implicit: false,
});
const accounts = [account('Keccel'), account('Test'), account('Acme', true)];
const base: ActiveChoiceInput = { accounts, hasFolder: true, consented: [] };

describe('accounts: the active account of a window', () => {
  it('uses the first account when nothing was chosen', () => {
    assert.deepEqual(chooseActive(base), { account: accounts[0], source: 'first' });
  });

  it('a window with a folder uses what was picked in that workspace; one without uses the last pick anywhere', () => {
    const input = { ...base, workspaceChoice: 'test', lastChosen: 'Acme' };
    assert.equal(chooseActive(input).account.name, 'Test');
    assert.equal(chooseActive({ ...input, hasFolder: false }).account.name, 'Acme');
    assert.equal(chooseActive({ ...input, workspaceChoice: 'Removed since' }).account.name, 'Acme');
  });

  it('a workspace naming a test account switches to it; naming a production one asks first', () => {
    assert.deepEqual(chooseActive({ ...base, workspaceSetting: 'Test' }), { account: accounts[1], source: 'setting' });
    const asking = chooseActive({ ...base, workspaceSetting: 'Acme', lastChosen: 'Test' });
    assert.equal(asking.account.name, 'Test');
    assert.equal(asking.askConsentFor?.name, 'Acme');
    const agreed = chooseActive({ ...base, workspaceSetting: 'Acme', consented: ['acme'] });
    assert.deepEqual(agreed, { account: accounts[2], source: 'setting' });
  });

  it('a workspace naming no known account is said, and the window keeps a usable account', () => {
    const choice = chooseActive({ ...base, workspaceSetting: 'Nope' });
    assert.equal(choice.unknownSetting, 'Nope');
    assert.equal(choice.account.name, 'Keccel');
  });
});

describe('accounts: the production guard', () => {
  it('a production account always asks, even with confirmBeforeSend off, unless confirmProductionSends is off', () => {
    const prod = { production: true };
    const test = { production: false };
    assert.equal(confirmationFor(prod, { confirmBeforeSend: false, confirmProductionSends: true }), 'production');
    assert.equal(confirmationFor(prod, { confirmBeforeSend: true, confirmProductionSends: true }), 'production');
    assert.equal(confirmationFor(prod, { confirmBeforeSend: true, confirmProductionSends: false }), 'ask');
    assert.equal(confirmationFor(prod, { confirmBeforeSend: false, confirmProductionSends: false }), 'none');
    assert.equal(confirmationFor(test, { confirmBeforeSend: false, confirmProductionSends: true }), 'none');
    assert.equal(confirmationFor(undefined, { confirmBeforeSend: true, confirmProductionSends: true }), 'ask');
  });
});
