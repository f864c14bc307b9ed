// The OTP endpoints of the client over real HTTP: against the simulator for the round trip, and against a
// scripted server for every answer shape the live gateway and its clients are known to use. The promises that
// matter: a generate is sent once whatever happens (it is an SMS, paid for), a lost answer is `unknown`, bad
// requests never leave, and the token is in no text a user or the log sees.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeccelClient } from '../../src/core/client';
import { GatewayRejectedError, HttpStatusError, InvalidAnswerError, KeccelError } from '../../src/core/errors';
import { OtpRequestError, analyzeOtpMessage, otpBasePath } from '../../src/core/otp';
import type { Logger } from '../../src/core/types';
import { KeccelSimulator, MAGIC_OTP_FIXED_CODE } from '../../src/simulator';

const TOKEN = 'TOK-otp-never-leak-41be';
const TO = '243812345678';
const TEMPLATE = 'Votre code de vérification est %OTP%';

describe('KeccelClient OTP endpoints', function () {
  let sim: KeccelSimulator;
  let client: KeccelClient;
  const logLines: string[] = [];
  const texts: string[] = [];
  const logger: Logger = { trace: (l) => logLines.push(l), info: (l) => logLines.push(l), warn: (l) => logLines.push(l), error: (l) => logLines.push(l) };
  const newClient = (baseUrl: string) => new KeccelClient({ baseUrl, token: TOKEN, timeoutMs: 300, retryBaseDelayMs: 5, logger });
  const otpRequests = (endpoint: string) => sim.requests.filter((r) => r.path.toLowerCase() === `/otp/${endpoint}`);

  async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
      texts.push(error.message, String(error.stack));
      return error;
    }
    assert.fail(`expected ${type.name}`);
  }

  beforeEach(async () => {
    sim = new KeccelSimulator({ token: TOKEN, balance: 100, slowMs: 3000 });
    await sim.start();
    client = newClient(sim.baseUrl);
  });

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  after(() => {
    assert.ok(logLines.length > 10, 'the suite logged its requests');
    for (const text of [...logLines, ...texts]) assert.ok(!text.includes(TOKEN), `token leaked in: ${text}`);
  });

  it('derives the OTP base from the API origin: /sms/v2 becomes /otp, a proxy prefix is kept', () => {
    assert.equal(otpBasePath('/sms/v2'), '/otp');
    assert.equal(otpBasePath('/keccel/sms/v2/'), '/keccel/otp');
    assert.equal(otpBasePath(''), '/otp');
    assert.equal(otpBasePath('/gateway'), '/otp');
  });

  it('generates: one JSON POST to /otp/generate.asp, the SMS carries the code, charged by its segments', async () => {
    const outcome = await client.generateOtp({ to: TO, from: 'GUEST', message: TEMPLATE, length: 6, lifetime: 120 });
    texts.push(outcome.description);
    assert.deepEqual([outcome.status, outcome.description], ['sent', 'OTP sent']);
    const [request] = otpRequests('generate.asp');
    assert.equal(request.method, 'POST');
    assert.deepEqual(JSON.parse(request.body), { token: TOKEN, to: TO, from: 'GUEST', message: TEMPLATE, length: 6, lifetime: 120 });
    const code = sim.currentOtp(TO)?.code ?? '';
    assert.match(code, /^\d{6}$/);
    assert.equal(sim.messages[0].message, `Votre code de vérification est ${code}`);
    assert.equal(sim.balance, 99);
  });

  it('validates: a GET with the code, "True"/"VALID" once, then "False"/"INVALID" for the same code', async () => {
    await client.generateOtp({ to: MAGIC_OTP_FIXED_CODE, from: 'GUEST', message: TEMPLATE });
    assert.deepEqual(await client.validateOtp({ to: MAGIC_OTP_FIXED_CODE, from: 'GUEST', otp: '123456' }), { valid: true, status: 'VALID' });
    const again = await client.validateOtp({ to: MAGIC_OTP_FIXED_CODE, from: 'GUEST', otp: '123456' });
    assert.deepEqual(again, { valid: false, status: 'INVALID', description: 'This code was already used' });
    const [request] = otpRequests('validate.asp');
    assert.equal(request.method, 'GET');
    assert.deepEqual(request.query, { token: TOKEN, from: 'GUEST', to: MAGIC_OTP_FIXED_CODE, otp: '123456' });
    const line = logLines.find((l) => l.startsWith('GET /otp/validate.asp'));
    assert.ok(line?.includes('token=***') && line.includes('otp=***') && !line.includes('123456'), line);
  });

  it('refuses before any request: no %OTP%, a length outside 4-8, a lifetime under 60 s, an empty code', async () => {
    const cases: [Parameters<KeccelClient['generateOtp']>[0], string][] = [
      [{ to: TO, from: 'GUEST', message: 'Votre code est OTP' }, 'noPlaceholder'],
      [{ to: TO, from: 'GUEST', message: TEMPLATE, length: 3 }, 'badLength'],
      [{ to: TO, from: 'GUEST', message: TEMPLATE, length: 9 }, 'badLength'],
      [{ to: TO, from: 'GUEST', message: TEMPLATE, length: 5.5 }, 'badLength'],
      [{ to: TO, from: 'GUEST', message: TEMPLATE, lifetime: 59 }, 'badLifetime'],
    ];
    for (const [request, problem] of cases) {
      const error = await rejects(client.generateOtp(request), OtpRequestError);
      assert.equal(error.problem, problem, JSON.stringify(request));
    }
    const empty = await rejects(client.validateOtp({ to: TO, from: 'GUEST', otp: '  ' }), OtpRequestError);
    assert.equal(empty.problem, 'emptyCode');
    assert.match(empty.message, /empty/);
    assert.equal(sim.requests.length, 0, 'a refused request reached the gateway');
  });

  it('passes on the gateway refusal ("ERROR") of a generate as rejected, uncharged', async () => {
    const outcome = await client.generateOtp({ to: '243810000002', from: 'GUEST', message: TEMPLATE });
    assert.deepEqual([outcome.status, outcome.description], ['rejected', 'Invalid destination number']);
    assert.equal(sim.balance, 100);
  });

  it('reports a reset generate as unknown, with exactly one POST, and the SMS in fact sent', async () => {
    const outcome = await client.generateOtp({ to: '243810000005', from: 'GUEST', message: TEMPLATE });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.description, /may or may not have been sent/);
    assert.equal(otpRequests('generate.asp').length, 1);
    assert.ok(sim.currentOtp('243810000005'), 'the simulator drew and sent the code');
  });

  it('never retries a generate: not after a 429, a 500 page or a timeout', async function () {
    this.timeout(5000);
    for (const kind of ['http429', 'http500html'] as const) {
      sim.failNext(1, kind);
      const outcome = await client.generateOtp({ to: TO, from: 'GUEST', message: TEMPLATE });
      texts.push(outcome.description);
      assert.equal(outcome.status, 'unknown', kind);
    }
    const slow = await client.generateOtp({ to: '243810000004', from: 'GUEST', message: TEMPLATE });
    texts.push(slow.description);
    assert.equal(slow.status, 'unknown');
    assert.match(slow.description, /^No answer from Keccel within 0\.3 s/);
    assert.equal(otpRequests('generate.asp').length, 3, 'one POST per generate');
  });

  it('retries a validate like the other GETs, and reports a lasting failure as a typed error', async () => {
    await client.generateOtp({ to: MAGIC_OTP_FIXED_CODE, from: 'GUEST', message: TEMPLATE, length: 4 });
    sim.failNext(1, 'reset');
    assert.deepEqual(await client.validateOtp({ to: MAGIC_OTP_FIXED_CODE, from: 'GUEST', otp: '1234' }), { valid: true, status: 'VALID' });
    assert.equal(otpRequests('validate.asp').length, 2);
    sim.failNext(4, 'http500html');
    const error = await rejects(client.validateOtp({ to: TO, from: 'GUEST', otp: '1234' }), HttpStatusError);
    assert.equal(error.status, 500);
    assert.equal(otpRequests('validate.asp').length, 6, 'first try + 3 retries');
  });

  it('turns a bad token into a rejected generate and a GatewayRejectedError validate', async () => {
    const bad = new KeccelClient({ baseUrl: sim.baseUrl, token: 'wrong-token-xyz', timeoutMs: 300, logger });
    try {
      const outcome = await bad.generateOtp({ to: TO, from: 'GUEST', message: TEMPLATE });
      assert.deepEqual([outcome.status, outcome.description], ['rejected', 'Invalid token']);
      const error = await rejects(bad.validateOtp({ to: TO, from: 'GUEST', otp: '1234' }), GatewayRejectedError);
      assert.equal(error.description, 'Invalid token');
    } finally {
      await bad.close();
    }
  });

  it('counts the segments of an OTP SMS for the longest code: the asked length, else 8 digits', () => {
    assert.equal(analyzeOtpMessage('a'.repeat(154) + '%OTP%', 6).segments, 1);
    assert.equal(analyzeOtpMessage('a'.repeat(154) + '%OTP%').segments, 2);
    assert.equal(analyzeOtpMessage('Votre code est %OTP%', 6).encoding, 'GSM-7');
  });
});

describe('KeccelClient OTP answers as they come', () => {
  let server: http.Server;
  let client: KeccelClient;
  /** The next body the scripted gateway answers with; it echoes the token into it where `$TOKEN` stands. */
  let body = '';
  const seen: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let received = '';
      req.on('data', (chunk) => (received += chunk));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body.replace('$TOKEN', TOKEN));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new KeccelClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/v2`, token: TOKEN, timeoutMs: 1000 });
  });

  after(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const validate = (answer: string) => {
    body = answer;
    return client.validateOtp({ to: TO, from: 'GUEST', otp: '123456' });
  };
  const generate = (answer: string) => {
    body = answer;
    return client.generateOtp({ to: TO, from: 'GUEST', message: TEMPLATE });
  };

  it('reads the documented validate answer, strings not booleans, CRLF pretty-printed', async () => {
    assert.deepEqual(await validate('{\r\n  "success": "True",\r\n  "statusOTP": "VALID"\r\n}\r\n'), { valid: true, status: 'VALID' });
    assert.deepEqual(await validate('{"success": "False", "statusOTP": "INVALID"}'), { valid: false, status: 'INVALID' });
    assert.ok(seen.every((line) => line.startsWith('GET /otp/validate.asp?token=')), seen.join('\n'));
  });

  it('accepts the other spellings: booleans, status instead of statusOTP, any casing', async () => {
    assert.deepEqual(await validate('{"success": true, "statusOTP": "VALID"}'), { valid: true, status: 'VALID' });
    assert.deepEqual(await validate('{"Success": false}'), { valid: false, status: 'INVALID' });
    assert.deepEqual(await validate('{"status": "VALID"}'), { valid: true, status: 'VALID' });
    assert.deepEqual(await validate('{"status": "Invalid", "description": "Code expired"}'), { valid: false, status: 'Invalid', description: 'Code expired' });
    assert.deepEqual(await validate('{"valid": "true", "otpStatus": "valid"}'), { valid: true, status: 'valid' });
  });

  it('throws for an ERROR answer, a contradiction and an answer without a verdict', async () => {
    await assert.rejects(validate(`{"status": "ERROR", "description": "Invalid token $TOKEN"}`), (error: unknown) => {
      assert.ok(error instanceof GatewayRejectedError);
      assert.equal(error.description, 'Invalid token ***');
      return true;
    });
    await assert.rejects(validate('{"success": "True", "statusOTP": "INVALID"}'), InvalidAnswerError);
    await assert.rejects(validate('{"result": "maybe"}'), InvalidAnswerError);
    await assert.rejects(validate('<html>oops</html>'), InvalidAnswerError);
  });

  it('reads generate answers: SENT, Sent, ERROR with its description, and an unknown status as unknown', async () => {
    assert.deepEqual(await generate('{"status": "SENT", "description": "OTP sent"}'), { status: 'sent', description: 'OTP sent', httpStatus: 200 });
    assert.equal((await generate('{"status": "Sent"}')).status, 'sent');
    const refused = await generate(`{"status": "ERROR", "description": "Insufficient credits for $TOKEN"}`);
    assert.deepEqual([refused.status, refused.description], ['rejected', 'Insufficient credits for ***']);
    const odd = await generate('{"status": "QUEUED?"}');
    assert.equal(odd.status, 'unknown');
    assert.match(odd.description, /unexpected status "QUEUED\?".*may or may not have been sent/);
    const html = await generate('<html><body>Server Error</body></html>');
    assert.equal(html.status, 'unknown');
    for (const text of [refused.description, odd.description, html.description]) assert.ok(!text.includes(TOKEN));
    assert.ok(seen.filter((line) => line.startsWith('POST /otp/generate.asp')).length >= 5);
  });

  it('never puts the token in an error it throws', async () => {
    await assert.rejects(validate(`{"status": "?", "echo": "$TOKEN"}`), (error: unknown) => {
      assert.ok(error instanceof KeccelError);
      assert.ok(!error.message.includes(TOKEN) && !String((error as InvalidAnswerError).excerpt).includes(TOKEN));
      return true;
    });
  });
});
