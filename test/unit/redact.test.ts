// The redaction helper every log line and error text goes through: structural removal whatever the token's
// length, substring masking only for tokens that cannot match honest text by accident.
import assert from 'node:assert/strict';
import { isMaskableInText, redactToken, redactUrl } from '../../src/core/redact';

describe('redact', () => {
  it('masks the token query parameter whatever its length, and nothing else of the URL', () => {
    assert.equal(redactUrl('GET /sms/v2/balance.asp?token=T&from=GUEST'), 'GET /sms/v2/balance.asp?token=***&from=GUEST');
    assert.equal(redactUrl('/sms/v2/delivery.asp?from=GUEST&Token=1000&messageid=1000123'), '/sms/v2/delivery.asp?from=GUEST&Token=***&messageid=1000123');
    assert.equal(redactUrl('/x?token=&from=G'), '/x?token=***&from=G');
    const long = 'x'.repeat(64);
    assert.equal(redactUrl(`http://h/x?token=${long}#frag`), 'http://h/x?token=***#frag');
    // A bare query string (form body) too.
    assert.equal(redactUrl('token=T&from=GUEST'), 'token=***&from=GUEST');
  });

  it('removes a short token structurally but never as a substring of honest text', () => {
    const line = 'POST /sms/v2/message.asp {"token":"T","status":"SENT"} then GET /x?token=T&from=GUEST';
    assert.equal(redactToken(line, 'T'), 'POST /sms/v2/message.asp {"token":"***","status":"SENT"} then GET /x?token=***&from=GUEST');
    assert.equal(redactToken('balance 1000, message 1000456789 {"token":1000}', '1000'), 'balance 1000, message 1000456789 {"token":"***"}');
  });

  it('masks a long token embedded in an error text, raw or URL-encoded', () => {
    const token = 'Abc/def+ghi-2024';
    const text = `connect ECONNREFUSED for http://h/sms/v2/balance.asp?from=G&token=${encodeURIComponent(token)} failed: echo ${token}`;
    const out = redactToken(text, token);
    assert.equal(out, 'connect ECONNREFUSED for http://h/sms/v2/balance.asp?from=G&token=*** failed: echo ***');
    assert.equal(redactToken(`undici said: bad auth ${token} near port 8791`, token), 'undici said: bad auth *** near port 8791');
  });

  it('masks a long token in every URL-encoded form: form encoding (+, %7E, %21), lower-case hex, inside an encoded URL', () => {
    const token = 'Ab+c/d=e f~g!h(i)*';
    const form = new URLSearchParams({ t: token }).toString().slice(2);
    assert.equal(redactToken(`next=%2Fx%3Fkey%3D${form}%26from%3DG`, token), 'next=%2Fx%3Fkey%3D***%26from%3DG');
    assert.equal(redactToken(`echo ${encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}.`, token), 'echo ***.');
    assert.equal(redactToken(`echo ${encodeURIComponent(encodeURIComponent(token))}.`, token), 'echo ***.');
    // The literal characters keep their case: an honest text that differs only in case is left alone.
    assert.equal(redactToken('AB+C/D=E F~G!H(I)*', token), 'AB+C/D=E F~G!H(I)*');
  });

  it('applies the length rule: 8+ characters, all-digit ones too (the shortest Set API Token accepts)', () => {
    assert.deepEqual(['T', '1000', 'short12', 'eightch8', '12345678', '12345678901', '123456789012', undefined, ''].map(isMaskableInText),
      [false, false, false, true, true, true, true, false, false]);
    assert.equal(redactToken('id 123456789012', '123456789012'), 'id ***');
  });

  it('masks an all-digit token of 8 to 11 digits in free text where it stands as a number of its own, never inside another number', () => {
    const token = '84215637';
    assert.equal(
      redactToken(`echo ${token} failed; message 1${token}0, balance ${token}9, at port 8787`, token),
      `echo *** failed; message 1${token}0, balance ${token}9, at port 8787`,
    );
    assert.equal(redactToken('next=%2Fx%3Fkey%3D12345678901%26from', '12345678901'), 'next=%2Fx%3Fkey%3D***%26from');
    assert.equal(redactToken('proxy said: bad key 12345678901.', '12345678901'), 'proxy said: bad key ***.');
  });
});
