import * as assert from 'node:assert/strict';
import { checkSender, MAX_SENDER_LENGTH } from '../../src/core/sender';

describe('checkSender', () => {
  it('accepts letters, digits, spaces and common punctuation up to 11 characters', () => {
    for (const ok of ['GUEST', 'KIN-TEL', 'Acme & Co.', 'ABCDEFGHIJK', 'Info 243', '  ACME  ']) {
      assert.equal(checkSender(ok), undefined, ok);
    }
    assert.equal(MAX_SENDER_LENGTH, 11);
  });

  it('refuses a name longer than 11 characters (the user trial\'s hand-edited setting)', () => {
    assert.equal(checkSender('KINSHASA-TELECOM'), 'tooLong');
    assert.equal(checkSender('ABCDEFGHIJKL'), 'tooLong');
  });

  it('refuses an empty name and characters outside GSM-7 or on several lines', () => {
    assert.equal(checkSender(''), 'empty');
    assert.equal(checkSender('   '), 'empty');
    assert.equal(checkSender('Café'.replace('é', 'ê')), 'invalid');
    assert.equal(checkSender('SMS 😀'), 'invalid');
    assert.equal(checkSender('A\nB'), 'invalid');
  });
});
