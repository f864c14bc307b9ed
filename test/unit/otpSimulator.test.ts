// The simulator's OTP endpoints on the wire (raw node:http, both methods the live gateway accepts) and on a fake
// clock, so lifetimes are checked to the millisecond without waiting: a code is valid once, until its lifetime
// ends, for a limited number of wrong tries, and each refusal says why.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXED_OTP_CODE, KeccelSimulator, MAGIC_OTP_FIXED_CODE, MAX_WRONG_TRIES, SANDBOX_TOKEN, otpRecordFields } from '../../src/simulator';
import { FakeClock } from './support/fakeClock';

const TO = '243812345678';
const TEMPLATE = 'Votre code de vérification est %OTP%';

function raw(url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('KeccelSimulator OTP endpoints', () => {
  let sim: KeccelSimulator;
  let clock: FakeClock;
  let otpBase: string;

  /** generate.asp by POST with a JSON body (default) or GET with a query string. */
  async function generate(fields: Record<string, string | number>, method: 'POST' | 'GET' = 'POST'): Promise<Record<string, string>> {
    const all = { token: SANDBOX_TOKEN, from: 'GUEST', to: TO, message: TEMPLATE, ...fields };
    const query = new URLSearchParams(Object.entries(all).map(([k, v]) => [k, String(v)]));
    const answer = method === 'POST'
      ? await raw(`${otpBase}/generate.asp`, 'POST', JSON.stringify(all))
      : await raw(`${otpBase}/generate.asp?${query}`);
    assert.equal(answer.status, 200);
    return JSON.parse(answer.body) as Record<string, string>;
  }

  async function validate(otp: string, to = TO, method: 'POST' | 'GET' = 'GET'): Promise<Record<string, string>> {
    const all = { token: SANDBOX_TOKEN, from: 'GUEST', to, otp };
    const answer = method === 'GET'
      ? await raw(`${otpBase}/validate.asp?${new URLSearchParams(all)}`)
      : await raw(`${otpBase}/validate.asp`, 'POST', JSON.stringify(all));
    assert.equal(answer.status, 200);
    return JSON.parse(answer.body) as Record<string, string>;
  }

  const codeOf = (to = TO) => sim.currentOtp(to)?.code ?? assert.fail(`no code for ${to}`);

  beforeEach(async () => {
    clock = new FakeClock();
    sim = new KeccelSimulator({ clock, balance: 10 });
    otpBase = (await sim.start()).replace(/\/sms\/v2$/, '/otp');
  });

  afterEach(() => sim.stop());

  it('generates by POST (JSON) or GET (query): "SENT", a code of the asked length in the SMS, the SMS recorded with it', async () => {
    assert.deepEqual(await generate({ length: 8 }), { status: 'SENT', description: 'OTP sent' });
    const code = codeOf();
    assert.match(code, /^\d{8}$/);
    const [message] = sim.messages;
    assert.equal(message.message, `Votre code de vérification est ${code}`);
    assert.equal(message.otp, code, 'the code is on the message, for the sandbox history');
    assert.equal(sim.currentOtp(TO)?.messageId, message.messageId);
    assert.deepEqual(otpRecordFields(message), { kind: 'otp', otp: code }, 'a sandbox record of it is marked OTP, with its code');
    assert.deepEqual(await generate({ length: 4, to: '243991234567' }, 'GET'), { status: 'SENT', description: 'OTP sent' });
    assert.match(codeOf('243991234567'), /^\d{4}$/);
    assert.equal(sim.messages.length, 2);
  });

  it('debits credits by the segments of the substituted text', async () => {
    // 155 + 4 digits = 159 characters: one SMS; 155 + 6 digits = 161: two.
    const template = 'a'.repeat(155) + '%OTP%';
    await generate({ message: template, length: 4 });
    assert.equal(sim.balance, 9);
    await generate({ message: template, length: 6 });
    assert.equal(sim.balance, 7);
    assert.equal(sim.messages[1].segments, 2);
  });

  it('refuses a bad request with "ERROR" and its reason, charging nothing', async () => {
    const refusals: [Record<string, string | number>, string][] = [
      [{ message: 'Votre code est OTP' }, 'The message parameter must contain %OTP%'],
      [{ length: 3 }, 'The length parameter must be from 4 to 8'],
      [{ length: 'six' }, 'The length parameter must be from 4 to 8'],
      [{ lifetime: 30 }, 'The lifetime parameter must be at least 60 seconds'],
      [{ token: 'nope' }, 'Invalid token'],
      [{ to: '' }, 'The to parameter is empty'],
      [{ to: '243810000002' }, 'Invalid destination number'],
    ];
    for (const [fields, description] of refusals) assert.deepEqual(await generate(fields), { status: 'ERROR', description }, JSON.stringify(fields));
    sim.setBalance(0);
    assert.deepEqual(await generate({}), { status: 'ERROR', description: 'Insufficient credits' });
    assert.equal(sim.messages.length, 0);
  });

  it('validates a right code once, by GET or POST; the same code again is "already used"', async () => {
    await generate({});
    assert.deepEqual(await validate(codeOf(), TO, 'POST'), { success: 'True', statusOTP: 'VALID' });
    assert.deepEqual(await validate(codeOf()), { success: 'False', statusOTP: 'INVALID', description: 'This code was already used' });
  });

  it('expires a code at the end of its lifetime, on the simulator clock', async () => {
    await generate({ lifetime: 60 });
    await clock.advance(59_999);
    await generate({ lifetime: 60, to: '243991234567' });
    assert.equal((await validate(codeOf())).statusOTP, 'VALID', 'valid 1 ms before the end');
    await clock.advance(60_000);
    assert.deepEqual(await validate(codeOf('243991234567'), '243991234567'), { success: 'False', statusOTP: 'INVALID', description: 'The code has expired' });
  });

  it('defaults to a 6-digit code living 300 s', async () => {
    await generate({});
    assert.match(codeOf(), /^\d{6}$/);
    const entry = sim.currentOtp(TO)!;
    assert.equal(entry.expiresAt - entry.createdAt, 300_000);
  });

  it(`allows ${MAX_WRONG_TRIES} wrong codes, then refuses even the right one`, async () => {
    await generate({ to: MAGIC_OTP_FIXED_CODE });
    assert.equal(codeOf(MAGIC_OTP_FIXED_CODE), FIXED_OTP_CODE.slice(0, 6));
    const answers = [];
    for (let i = 0; i < MAX_WRONG_TRIES; i++) answers.push((await validate('000000', MAGIC_OTP_FIXED_CODE)).description);
    assert.deepEqual(answers, ['Wrong code (2 tries left)', 'Wrong code (1 try left)', 'Wrong code (no try left: ask for a new code)']);
    assert.deepEqual(await validate('123456', MAGIC_OTP_FIXED_CODE), {
      success: 'False', statusOTP: 'INVALID', description: 'Too many wrong codes: ask for a new code',
    });
  });

  it('answers a number that was never sent a code, and replaces a code by the next one', async () => {
    assert.deepEqual(await validate('123456'), { success: 'False', statusOTP: 'INVALID', description: 'No code was sent to this number' });
    await generate({ to: MAGIC_OTP_FIXED_CODE, length: 4 });
    await generate({ to: MAGIC_OTP_FIXED_CODE, length: 5 });
    assert.equal((await validate('1234', MAGIC_OTP_FIXED_CODE)).statusOTP, 'INVALID', 'the older code no longer counts');
    assert.equal((await validate('12345', MAGIC_OTP_FIXED_CODE)).statusOTP, 'VALID');
  });

  it('refuses a validate without its parameters or with a bad token as "ERROR"', async () => {
    const answer = await raw(`${otpBase}/validate.asp?token=${SANDBOX_TOKEN}&from=G&to=${TO}`);
    assert.deepEqual(JSON.parse(answer.body), { status: 'ERROR', description: 'The otp parameter is missing' });
    const bad = await raw(`${otpBase}/validate.asp?token=nope&from=G&to=${TO}&otp=1`);
    assert.deepEqual(JSON.parse(bad.body), { status: 'ERROR', description: 'Invalid token' });
  });

  it('takes the magic failure paths on generate (reset, HTML 500) like message.asp', async () => {
    await assert.rejects(raw(`${otpBase}/generate.asp`, 'POST', JSON.stringify({ token: SANDBOX_TOKEN, from: 'G', to: '243810000005', message: TEMPLATE })));
    assert.ok(sim.currentOtp('243810000005'), 'sent before the reset');
    const page = await raw(`${otpBase}/generate.asp`, 'POST', JSON.stringify({ token: SANDBOX_TOKEN, from: 'G', to: '243810000006', message: TEMPLATE }));
    assert.equal(page.status, 500);
    assert.equal(sim.currentOtp('243810000006'), undefined);
  });

  it('keeps codes, their expiry and their use across a restart with a state file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-otp-'));
    const stateFile = path.join(dir, 'state.json');
    const restart = async () => {
      await sim.stop();
      sim = new KeccelSimulator({ clock, stateFile });
      otpBase = (await sim.start()).replace(/\/sms\/v2$/, '/otp');
    };
    try {
      await restart();
      await generate({ to: MAGIC_OTP_FIXED_CODE, length: 4, lifetime: 60 });
      await generate({ to: '243991234567' });
      assert.equal((await validate('9999', MAGIC_OTP_FIXED_CODE)).description, 'Wrong code (2 tries left)');
      await restart();
      assert.equal((await validate('9999', MAGIC_OTP_FIXED_CODE)).description, 'Wrong code (1 try left)', 'the wrong try was kept');
      assert.equal((await validate('1234', MAGIC_OTP_FIXED_CODE)).statusOTP, 'VALID');
      const code = codeOf('243991234567');
      await restart();
      assert.equal((await validate('1234', MAGIC_OTP_FIXED_CODE)).description, 'This code was already used');
      await clock.advance(300_000);
      assert.equal((await validate(code, '243991234567')).description, 'The code has expired');
    } finally {
      await sim.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an OTP request whose Host is not loopback (DNS rebinding), drawing no code', async () => {
    const body = JSON.stringify({ token: SANDBOX_TOKEN, from: 'G', to: TO, message: TEMPLATE });
    const status = await new Promise<number>((resolve, reject) => {
      const headers = { host: 'evil.example', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = http.request(`${otpBase}/generate.asp`, { method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(status, 403);
    assert.equal(sim.currentOtp(TO), undefined);
  });

  it('answers the OTP paths case-insensitively and 404s an unknown one', async () => {
    const upper = await raw(`${otpBase.replace('/otp', '/OTP')}/Generate.asp`, 'POST', JSON.stringify({ token: SANDBOX_TOKEN, from: 'G', to: TO, message: TEMPLATE }));
    assert.equal(JSON.parse(upper.body).status, 'SENT');
    assert.equal((await raw(`${otpBase}/resend.asp`)).status, 404);
  });
});
