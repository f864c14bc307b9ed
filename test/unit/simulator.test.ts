// The simulator's wire behaviour, checked with raw node:http requests so the client's tolerance cannot hide
// a difference from the live gateway (exact bytes, HTTP 200 refusals, JSON body on a GET, IIS 404 page).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeccelClient } from '../../src/core/client';
import { KeccelSimulator, MAGIC_NUMBERS, SANDBOX_TOKEN, main, startSimulator } from '../../src/simulator';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(url: string, method = 'GET', body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // Content-Length as Python's requests sets it: node:http would not frame a GET body on its own.
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (sim: KeccelSimulator, fields: Record<string, string>) =>
  raw(`${sim.baseUrl}/message.asp`, 'POST', JSON.stringify(fields));

describe('KeccelSimulator', () => {
  let sim: KeccelSimulator;

  beforeEach(async () => {
    sim = await startSimulator({ deliveryDelayMs: 50 });
  });

  afterEach(() => sim.stop());

  it('listens on a free loopback port and exposes the v2 base URL', () => {
    assert.match(sim.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/sms\/v2$/);
  });

  it('answers a send with the documented casing, pretty-printed with CRLF', async () => {
    const answer = await post(sim, { token: SANDBOX_TOKEN, to: '243812345678', from: 'GUEST', message: 'Hello' });
    assert.equal(answer.status, 200);
    const id = /"messageID": "(\d+)"/.exec(answer.body)?.[1];
    assert.ok(id, answer.body);
    assert.equal(answer.body, `{\r\n  "status": "SENT",\r\n  "messageID": "${id}",\r\n  "description": "Message submitted to the network"\r\n}\r\n`);
    assert.equal(sim.balance, 999);
  });

  it('refuses a bad token with HTTP 200 and "Invalid token"', async () => {
    const answer = await post(sim, { token: 'nope', to: '243812345678', from: 'GUEST', message: 'Hello' });
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { status: 'Rejected', description: 'Invalid token' });
    assert.equal(sim.balance, 1000);
  });

  it('refuses missing and empty parameters by name', async () => {
    const missing = await raw(`${sim.baseUrl}/balance.asp?token=${SANDBOX_TOKEN}`);
    assert.deepEqual(JSON.parse(missing.body), { status: 'Rejected', description: 'The from parameter is missing' });
    const empty = await post(sim, { token: SANDBOX_TOKEN, to: '243812345678', from: 'GUEST', message: '' });
    assert.deepEqual(JSON.parse(empty.body), { status: 'Rejected', description: 'The message parameter is empty' });
  });

  it('answers the balance like the live gateway: string balance, Kinshasa expiration, CRLF', async () => {
    sim.setBalance(645);
    sim.setExpiration(new Date('2026-12-31T05:46:17Z'));
    const answer = await raw(`${sim.baseUrl}/balance.asp?token=${SANDBOX_TOKEN}&from=GUEST`);
    assert.equal(answer.body, '{\r\n  "balance": "645",\r\n  "expiration": "31-Dec-2026 06:46:17",\r\n  "status": "active"\r\n}\r\n');
    sim.setExpiration(null);
    sim.setBalance(50);
    const real = await raw(`${sim.baseUrl}/balance.asp?token=${SANDBOX_TOKEN}&from=GUEST`);
    assert.equal(real.body, '{\r\n  "balance": "50",\r\n  "expiration": "",\r\n  "status": "active"\r\n}\r\n');
  });

  it('accepts GET parameters as a JSON body (as the Python SDK sends them) and ignores name casing', async () => {
    const answer = await raw(`${sim.baseUrl}/balance.asp`, 'GET', JSON.stringify({ token: SANDBOX_TOKEN, from: 'GUEST' }));
    assert.equal(JSON.parse(answer.body).balance, '1000');
    const upper = await raw(`${sim.baseUrl.replace('/sms/v2', '/SMS/V2')}/Balance.asp?Token=${SANDBOX_TOKEN}&FROM=GUEST`);
    assert.equal(JSON.parse(upper.body).status, 'active');
  });

  it('serves an IIS-style HTML 404 page for an unknown path', async () => {
    const answer = await raw(`${sim.baseUrl}/nothing.asp`);
    assert.equal(answer.status, 404);
    assert.match(String(answer.headers['content-type']), /text\/html/);
    assert.match(answer.body, /<title>404 - File or directory not found\.<\/title>/);
  });

  it('refuses sends when credits are short, the account is inactive or expired', async () => {
    const send = async () => JSON.parse((await post(sim, { token: SANDBOX_TOKEN, to: '243812345678', from: 'G', message: 'a'.repeat(200) })).body);
    sim.setBalance(1);
    assert.deepEqual(await send(), { status: 'Rejected', description: 'Insufficient credits' });
    sim.setBalance(10);
    sim.setAccountStatus('inactive');
    assert.equal((await send()).description, 'Account is inactive');
    sim.setAccountStatus('active');
    sim.setExpiration(new Date(Date.now() - 1000));
    assert.match((await send()).description, /^Account expired on \d\d-[A-Z][a-z]{2}-\d{4}/);
    assert.equal(sim.balance, 10);
    sim.setExpiration(null);
    assert.equal((await send()).status, 'SENT');
    assert.equal(sim.balance, 8, '200 GSM-7 characters are 2 segments');
  });

  it('records every request with method, path, query and raw body', async () => {
    await raw(`${sim.baseUrl}/balance.asp?token=t&from=G`);
    await post(sim, { token: 't', to: '1', from: 'G', message: 'm' });
    assert.deepEqual(
      sim.requests.map(({ method, path, query }) => ({ method, path, query })),
      [
        { method: 'GET', path: '/sms/v2/balance.asp', query: { token: 't', from: 'G' } },
        { method: 'POST', path: '/sms/v2/message.asp', query: {} },
      ],
    );
    assert.deepEqual(JSON.parse(sim.requests[1].body), { token: 't', to: '1', from: 'G', message: 'm' });
    assert.ok(sim.requests[1].time <= Date.now());
  });

  it('pushes the delivery report to the callback URL after the delay', async () => {
    const received: string[] = [];
    const callback = http.createServer((req, res) => {
      received.push(req.url ?? '');
      res.end('OK');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    const pushing = await startSimulator({ deliveryDelayMs: 30, callbackUrl: `http://127.0.0.1:${(callback.address() as AddressInfo).port}/dlr?app=1` });
    const client = new KeccelClient({ baseUrl: pushing.baseUrl, token: SANDBOX_TOKEN });
    try {
      const ok = await client.send({ to: '243812345678', from: 'G', message: 'Hi' });
      const failed = await client.send({ to: '243810000001', from: 'G', message: 'Hi' });
      await client.send({ to: '243810000003', from: 'G', message: 'Hi' });
      const deadline = Date.now() + 2000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(received.sort(), [
        `/dlr?app=1&messageID=${failed.messageId}&status=FAILED`,
        `/dlr?app=1&messageID=${ok.messageId}&status=DELIVERED`,
      ].sort());
    } finally {
      await client.close();
      await pushing.stop();
      await new Promise((resolve) => callback.close(resolve));
    }
  });

  it('documents the seven fixed magic numbers', () => {
    assert.deepEqual(Object.keys(MAGIC_NUMBERS), [
      '243810000001', '243810000002', '243810000003', '243810000004', '243810000005', '243810000006', '243810000007',
    ]);
  });

  it('stops promptly even with a slow answer pending', async () => {
    const slow = await startSimulator({ slowMs: 60_000 });
    const pending = post(slow, { token: SANDBOX_TOKEN, to: '243810000004', from: 'G', message: 'Hi' }).catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.stop();
    assert.ok(Date.now() - started < 1000);
    assert.ok((await pending) instanceof Error, 'the pending request was cut');
  });

  describe('CLI main', () => {
    let output: string[];
    const originalLog = console.log;
    beforeEach(() => {
      output = [];
      console.log = (...args: unknown[]) => void output.push(args.join(' '));
    });
    afterEach(() => {
      console.log = originalLog;
    });

    it('prints the help and starts nothing for --help', async () => {
      assert.equal(await main(['--help']), undefined);
      assert.match(output.join('\n'), /--delivery-delay-ms N/);
    });

    it('starts with the given token and balance and prints the base URL and magic numbers', async () => {
      const cli = await main(['--port', '0', '--token', 'cli-token', '--balance=7', '--quiet']);
      assert.ok(cli);
      try {
        const text = output.join('\n');
        assert.ok(text.includes(cli.baseUrl));
        assert.match(text, /243810000005/);
        const answer = await raw(`${cli.baseUrl}/balance.asp?token=cli-token&from=G`);
        assert.equal(JSON.parse(answer.body).balance, '7');
      } finally {
        await cli.stop();
        process.removeAllListeners('SIGINT');
        process.removeAllListeners('SIGTERM');
      }
    });

    it('takes the callback URL, manual delivery and failure injection flags, and says failure injection is on', async () => {
      const cli = await main(['--port', '0', '--callback-url', 'http://127.0.0.1:9/cb', '--manual-delivery', '--reject-sends', '25',
        '--fail-deliveries=10', '--reset', '5', '--html500', '5', '--delay-ms', '20', '--quiet']);
      assert.ok(cli);
      try {
        assert.deepEqual(cli.chaos.current, { rejectSendsPercent: 25, failDeliveriesPercent: 10, resetPercent: 5, html500Percent: 5, delayMs: 20 });
        assert.equal(cli.callbacks.url, 'http://127.0.0.1:9/cb');
        const text = output.join('\n');
        assert.match(text, /FAILURE INJECTION ON: sends rejected 25%, deliveries failed 10%, connections reset 5%, HTML 500 pages 5%, delay 20 ms/);
        assert.match(text, /KECCEL_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/sms\/v2\n {2}KECCEL_TOKEN=sandbox-token/);
      } finally {
        await cli.stop();
        process.removeAllListeners('SIGINT');
        process.removeAllListeners('SIGTERM');
      }
    });

    it('refuses a share above 100', async () => {
      const errors: string[] = [];
      const originalError = console.error;
      console.error = (...args: unknown[]) => void errors.push(args.join(' '));
      try {
        assert.equal(await main(['--reject-sends', '150']), undefined);
        assert.match(errors.join('\n'), /--reject-sends needs a share from 0 to 100/);
      } finally {
        console.error = originalError;
        process.exitCode = 0;
      }
    });
  });
});
