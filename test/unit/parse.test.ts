// The gateway's answers as the live service writes them (CRLF, BOM, mixed casing, string balance, local dates).
import assert from 'node:assert/strict';
import { GatewayRejectedError, InvalidAnswerError, firstLineOfBody } from '../../src/core/errors';
import { formatKeccelDate, parseBalanceAnswer, parseDeliveryAnswer, parseKeccelDate, parseSendAnswer } from '../../src/core/parse';
import { redactToken, redactUrl } from '../../src/core/redact';
import { IIS_500_PAGE } from '../../src/simulator/pages';

describe('parse', () => {
  describe('parseBalanceAnswer', () => {
    it('reads the real answer byte for byte: string balance, empty expiration, CRLF', () => {
      const real = '{\r\n  "balance": "50",\r\n  "expiration": "",\r\n  "status": "active"\r\n}\r\n';
      assert.deepEqual(parseBalanceAnswer(real), { balance: 50, expiration: null, status: 'active' });
    });

    it('accepts a numeric balance, a BOM, upper-case keys, and lower-cases the status', () => {
      const body = '\uFEFF{"Balance": 645, "Expiration": "31-Dec-2021 06:46:17", "Status": "Active"}';
      assert.deepEqual(parseBalanceAnswer(body), { balance: 645, expiration: '2021-12-31T05:46:17.000Z', status: 'active' });
    });

    it('treats a missing expiration as null', () => {
      assert.equal(parseBalanceAnswer('{"balance":"7","status":"inactive"}').expiration, null);
    });

    it('throws GatewayRejectedError with the gateway words for a refusal', () => {
      assert.throws(
        () => parseBalanceAnswer('{\r\n  "status": "Rejected",\r\n  "description": "Invalid token"\r\n}\r\n'),
        (e: unknown) => e instanceof GatewayRejectedError && e.description === 'Invalid token' && /Invalid token/.test(e.message),
      );
    });

    it('throws InvalidAnswerError for HTML or a balance that is not a number', () => {
      assert.throws(() => parseBalanceAnswer('<html><body>Error</body></html>'), InvalidAnswerError);
      assert.throws(() => parseBalanceAnswer('{"balance":"lots","status":"active"}'), InvalidAnswerError);
    });
  });

  describe('parseSendAnswer', () => {
    it('reads the documented answer (SENT, messageID)', () => {
      const body = '{\r\n "status": "SENT",\r\n "messageID": "123456",\r\n "description": "Message submitted to the network"\r\n}';
      assert.deepEqual(parseSendAnswer(body, 200), {
        status: 'sent', messageId: '123456', description: 'Message submitted to the network', httpStatus: 200,
      });
    });

    it('accepts "Sent", a lower-case messageid and a numeric id', () => {
      const outcome = parseSendAnswer('{"status":"Sent","messageid":98765}');
      assert.equal(outcome.status, 'sent');
      assert.equal(outcome.messageId, '98765');
    });

    it('returns rejected with the gateway description', () => {
      const outcome = parseSendAnswer('{"status":"Rejected","description":"Invalid token"}');
      assert.deepEqual(outcome, { status: 'rejected', description: 'Invalid token', httpStatus: undefined });
    });

    it('takes an accepted status without an id as sent, saying why its delivery cannot be tracked', () => {
      // The gateway said it took (and charged) the message: "unknown" would invite a second, paid send.
      const outcome = parseSendAnswer('{"status":"SENT","description":"Message submitted"}', 200);
      assert.equal(outcome.status, 'sent');
      assert.equal(outcome.messageId, undefined);
      assert.equal(outcome.description, 'Message submitted');
      assert.match(outcome.untrackedReason ?? '', /no message ID.*cannot be checked/);
      assert.equal(parseSendAnswer('{"status":"Sent","messageID":"  "}').status, 'sent');
    });

    it('keeps a message ID as the opaque string it is (a v1-style UUID, leading zeros, letters)', () => {
      for (const id of ['16620c03-e7f4-4b40-8c1e-e6ba98da253e', '000123', 'AB-12/x']) {
        const outcome = parseSendAnswer(JSON.stringify({ status: 'SENT', messageID: id }));
        assert.equal(outcome.messageId, id);
        assert.equal(outcome.untrackedReason, undefined);
      }
      assert.equal(parseDeliveryAnswer('{"messageid":"16620c03-e7f4-4b40-8c1e-e6ba98da253e","status":"DELIVERED"}', 'x').messageId,
        '16620c03-e7f4-4b40-8c1e-e6ba98da253e');
    });

    it('refuses an unknown status', () => {
      assert.throws(() => parseSendAnswer('{"status":"Queued?","messageID":"1"}'), InvalidAnswerError);
      assert.throws(() => parseSendAnswer('SENT,123,ok'), InvalidAnswerError);
    });
  });

  describe('parseDeliveryAnswer', () => {
    it('maps DELIVERED and failure words to final states, anything else to pending', () => {
      assert.deepEqual(parseDeliveryAnswer('{"messageid":"1","status":"DELIVERED"}', '1'), { messageId: '1', status: 'delivered', raw: 'DELIVERED' });
      assert.equal(parseDeliveryAnswer('{"messageid":"1","status":"Failed"}', '1').status, 'failed');
      assert.equal(parseDeliveryAnswer('{"messageid":"1","status":"UNDELIVERED"}', '1').status, 'failed');
      assert.equal(parseDeliveryAnswer('{"messageID":"1","status":"PENDING"}', '1').status, 'pending');
      assert.equal(parseDeliveryAnswer('{"status":"SENT"}', '42').messageId, '42');
    });

    it('throws GatewayRejectedError for Error / Rejected answers', () => {
      assert.throws(() => parseDeliveryAnswer('{"messageid":"1","status":"Error","description":"Unknown messageid"}', '1'), GatewayRejectedError);
      assert.throws(() => parseDeliveryAnswer('{"status":"Rejected","description":"Invalid token"}', '1'), /Invalid token/);
    });
  });

  describe('parseKeccelDate', () => {
    it('reads Kinshasa time (UTC+1)', () => {
      assert.equal(parseKeccelDate('31-Dec-2021 06:46:17'), '2021-12-31T05:46:17.000Z');
      assert.equal(parseKeccelDate('01-jan-2022 00:30:00'), '2021-12-31T23:30:00.000Z');
      assert.equal(parseKeccelDate('2021-12-31 06:46:17'), '2021-12-31T05:46:17.000Z');
      assert.equal(parseKeccelDate('31/12/2021 06:46:17'), '2021-12-31T05:46:17.000Z');
    });

    it('gives null for empty or unreadable text', () => {
      for (const text of ['', '   ', 'never', '31-Feb-2021 00:00:00', '31-Foo-2021 00:00:00', undefined, null]) {
        assert.equal(parseKeccelDate(text), null, String(text));
      }
    });

    it('round-trips with formatKeccelDate', () => {
      const date = new Date('2026-12-31T05:46:17.000Z');
      assert.equal(formatKeccelDate(date), '31-Dec-2026 06:46:17');
      assert.equal(parseKeccelDate(formatKeccelDate(date)), date.toISOString());
    });
  });

  describe('error pages and redaction', () => {
    it('keeps the title of an IIS page as its first line', () => {
      assert.equal(firstLineOfBody(IIS_500_PAGE), '500 - Internal server error.');
      assert.equal(firstLineOfBody('plain text\r\nsecond'), 'plain text');
    });

    it('hides the token in URLs, JSON and free text', () => {
      assert.equal(redactUrl('/sms/v2/balance.asp?token=abc&from=G'), '/sms/v2/balance.asp?token=***&from=G');
      assert.equal(redactUrl('/x?from=G&TOKEN=abc'), '/x?from=G&TOKEN=***');
      assert.equal(redactToken('{"token":"abc","to":"1"}'), '{"token":"***","to":"1"}');
      assert.equal(redactToken('key a+b/c=long and a%2Bb%2Fc%3Dlong', 'a+b/c=long'), 'key *** and ***');
    });
  });
});
