// The once-a-day balance warnings of every account.
import * as assert from 'node:assert/strict';
import { balanceConcerns, dueWarnings, readWarningLedger } from '../../src/core/accounts';

const DAY = 86_400_000;
const settings = { lowCreditThreshold: 50, expiryWarningDays: 7 };

describe('accounts: balance warnings', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');

  it('names low credit and near (or past) expiry', () => {
    assert.deepEqual(balanceConcerns({ balance: 10, expiration: null, status: 'active' }, settings, now), ['lowCredit']);
    const friday = new Date(now + 2 * DAY).toISOString();
    assert.deepEqual(balanceConcerns({ balance: 500, expiration: friday, status: 'active' }, settings, now), ['nearExpiry']);
    assert.deepEqual(balanceConcerns({ balance: 500, expiration: null, status: 'expired' }, settings, now), ['nearExpiry']);
    assert.deepEqual(balanceConcerns({ balance: 500, expiration: new Date(now + 30 * DAY).toISOString(), status: 'active' }, settings, now), []);
  });

  it('warns each account and each concern at most once a day', () => {
    let ledger = {};
    let result = dueWarnings(ledger, 'acme', ['lowCredit', 'nearExpiry'], now);
    assert.deepEqual(result.due, ['lowCredit', 'nearExpiry']);
    ledger = result.ledger;
    // Another account is warned on its own.
    assert.deepEqual(dueWarnings(ledger, 'test', ['lowCredit'], now).due, ['lowCredit']);
    result = dueWarnings(ledger, 'acme', ['lowCredit', 'nearExpiry'], now + DAY - 1);
    assert.deepEqual(result.due, []);
    result = dueWarnings(result.ledger, 'acme', ['lowCredit', 'nearExpiry'], now + DAY);
    assert.deepEqual(result.due, ['lowCredit', 'nearExpiry']);
  });

  it('a concern that went away is warned again when it comes back', () => {
    const first = dueWarnings({}, 'acme', ['lowCredit'], now).ledger;
    const bought = dueWarnings(first, 'acme', [], now + 1000).ledger;
    assert.deepEqual(dueWarnings(bought, 'acme', ['lowCredit'], now + 2000).due, ['lowCredit']);
  });

  it('a time in the future (clock set back) does not silence a warning', () => {
    const ledger = readWarningLedger({ acme: { lowCredit: new Date(now + 10 * DAY).toISOString() } });
    assert.deepEqual(dueWarnings(ledger, 'acme', ['lowCredit'], now).due, ['lowCredit']);
    assert.deepEqual(readWarningLedger(['x']), {});
  });
});
