// The API client over real HTTP against the simulator: every outcome a user can meet, and the two promises
// that matter most: a send is never sent twice, and the token never shows up in a message or a log line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { KeccelClient } from '../../src/core/client';
import { GatewayRejectedError, HttpStatusError, InvalidAnswerError, KeccelError, TimeoutError } from '../../src/core/errors';
import type { Logger } from '../../src/core/types';
import { KeccelSimulator } from '../../src/simulator';

/** Recognisable, so a leak anywhere is found by a plain substring search. */
const TOKEN = 'TOK-never-leak-8c1d';
const TO = '243812345678';

function recordingLogger(lines: string[]): Logger {
  const push = (line: string) => lines.push(line);
  return { trace: push, info: push, warn: push, error: push };
}

describe('KeccelClient against the simulator', function () {
  let sim: KeccelSimulator;
  let client: KeccelClient;
  const logLines: string[] = [];
  /** Every user-facing text produced in this suite, checked for the token at the end. */
  const texts: string[] = [];

  const newClient = (overrides: Partial<ConstructorParameters<typeof KeccelClient>[0]> = {}) =>
    new KeccelClient({
      baseUrl: sim.baseUrl, token: TOKEN, timeoutMs: 300, retryBaseDelayMs: 5, logger: recordingLogger(logLines), ...overrides,
    });

  async function expectError<T extends KeccelError>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
      texts.push(error.message, String(error.stack));
      return error;
    }
    assert.fail(`expected ${type.name}`);
  }

  const posts = () => sim.requests.filter((r) => r.method === 'POST').length;
  const gets = () => sim.requests.filter((r) => r.method === 'GET').length;

  beforeEach(async () => {
    sim = new KeccelSimulator({ token: TOKEN, deliveryDelayMs: 100, slowMs: 3000, balance: 100 });
    await sim.start();
    client = newClient();
  });

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  after(() => {
    assert.ok(logLines.length > 20, 'the suite logged its requests');
    for (const text of [...logLines, ...texts]) assert.ok(!text.includes(TOKEN), `token leaked in: ${text}`);
    assert.ok(logLines.some((line) => line.includes('token=***')), 'GET lines show the redacted parameter');
  });

  it('sends: the POST carries the JSON body and the answer gives a message id', async () => {
    const outcome = await client.send({ to: TO, from: 'GUEST', message: 'Hello' });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'sent');
    assert.match(outcome.messageId ?? '', /^\d+$/);
    const [request] = sim.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/sms/v2/message.asp');
    assert.deepEqual(JSON.parse(request.body), { token: TOKEN, to: TO, from: 'GUEST', message: 'Hello' });
  });

  it('debits credits by segments: 1 for short GSM-7, 2 for 161 GSM-7 chars, 2 for 71 UCS-2 chars', async () => {
    await client.send({ to: TO, from: 'GUEST', message: 'Hello' });
    assert.equal((await client.balance('GUEST')).balance, 99);
    await client.send({ to: TO, from: 'GUEST', message: 'a'.repeat(161) });
    assert.equal((await client.balance('GUEST')).balance, 97);
    await client.send({ to: TO, from: 'GUEST', message: 'ê'.repeat(71) });
    assert.equal((await client.balance('GUEST')).balance, 95);
  });

  it('rejects a bad token: send -> rejected, balance -> GatewayRejectedError("Invalid token")', async () => {
    const bad = newClient({ token: 'wrong-token' });
    try {
      const outcome = await bad.send({ to: TO, from: 'GUEST', message: 'Hi' });
      assert.deepEqual([outcome.status, outcome.description], ['rejected', 'Invalid token']);
      const error = await expectError(bad.balance('GUEST'), GatewayRejectedError);
      assert.equal(error.description, 'Invalid token');
      assert.equal(sim.balance, 100);
    } finally {
      await bad.close();
    }
  });

  it('reports an empty from as the gateway words it', async () => {
    const outcome = await client.send({ to: TO, from: '', message: 'Hi' });
    assert.deepEqual([outcome.status, outcome.description], ['rejected', 'The from parameter is empty']);
    await expectError(client.balance(''), GatewayRejectedError);
  });

  it('turns an IIS HTML 500 page into unknown for a send and HttpStatusError for a GET', async () => {
    const outcome = await client.send({ to: '243810000006', from: 'GUEST', message: 'Hi' });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'unknown');
    assert.equal(outcome.httpStatus, 500);
    assert.match(outcome.description, /HTTP 500 \(500 - Internal server error\.\).*may or may not/);
    assert.doesNotMatch(outcome.description, /</);
    sim.failNext(4, 'http500html');
    const error = await expectError(client.balance('GUEST'), HttpStatusError);
    assert.equal(error.status, 500);
    assert.equal(gets(), 4, 'first try + 3 retries');
  });

  it('turns a non-JSON 200 into unknown for a send and InvalidAnswerError for a GET', async () => {
    sim.failNext(1, 'nonjson');
    const outcome = await client.send({ to: TO, from: 'GUEST', message: 'Hi' });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'unknown');
    assert.equal(outcome.httpStatus, 200);
    sim.failNext(1, 'nonjson');
    await expectError(client.balance('GUEST'), InvalidAnswerError);
  });

  it('retries a GET after a 429 and succeeds', async () => {
    sim.failNext(2, 'http429');
    assert.equal((await client.balance('GUEST')).balance, 100);
    assert.equal(gets(), 3);
  });

  it('never retries a POST after a 429', async () => {
    sim.failNext(1, 'http429');
    const outcome = await client.send({ to: TO, from: 'GUEST', message: 'Hi' });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'unknown');
    assert.equal(outcome.httpStatus, 429);
    assert.equal(posts(), 1);
  });

  it('makes no retry at all when maxRetries is 0', async () => {
    const once = newClient({ maxRetries: 0 });
    try {
      sim.failNext(1, 'http429');
      await expectError(once.balance('GUEST'), HttpStatusError);
      assert.equal(gets(), 1);
    } finally {
      await once.close();
    }
  });

  it('times out a slow send as unknown (the gateway took it) and a slow balance as TimeoutError', async function () {
    this.timeout(5000);
    const outcome = await client.send({ to: '243810000004', from: 'GUEST', message: 'Hi' });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.description, /^No answer from Keccel within 0\.3 s; the SMS may or may not have been sent\. Check the history/);
    assert.equal(posts(), 1);
    sim.failNext(1, 'slow');
    const error = await expectError(client.balance('GUEST'), TimeoutError);
    assert.match(error.message, /0\.3 s/);
  });

  it('reports a reset after the POST was written as unknown, with exactly one POST on the server', async () => {
    const outcome = await client.send({ to: '243810000005', from: 'GUEST', message: 'Hi' });
    texts.push(outcome.description);
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.description, /may or may not have been sent/);
    assert.equal(posts(), 1);
    assert.equal(sim.requests[0].body.includes('243810000005'), true);
  });

  it('retries a GET whose connection was reset', async () => {
    sim.failNext(1, 'reset');
    assert.equal((await client.balance('GUEST')).status, 'active');
    assert.equal(gets(), 2);
  });

  it('reports a refused connection as failed: certainly not sent', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const dead = newClient({ baseUrl: `http://127.0.0.1:${port}/sms/v2` });
    try {
      const outcome = await dead.send({ to: TO, from: 'GUEST', message: 'Hi' });
      texts.push(outcome.description);
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.description, /ECONNREFUSED.*not sent/);
      await expectError(dead.balance('GUEST'), KeccelError);
    } finally {
      await dead.close();
    }
  });

  it('follows delivery: pending, then DELIVERED after the delay; FAILED and never-reported magic numbers', async () => {
    // Delays that no machine load can cross: pending for a minute, then due at once (a 100 ms delay raced the
    // requests of a busy machine).
    sim.setDeliveryDelayMs(60_000);
    const waiting = await client.send({ to: TO, from: 'GUEST', message: 'Hi' });
    assert.equal((await client.delivery(waiting.messageId!, 'GUEST')).status, 'pending');
    sim.setDeliveryDelayMs(0);
    const ok = await client.send({ to: TO, from: 'GUEST', message: 'Hi' });
    const failed = await client.send({ to: '243810000001', from: 'GUEST', message: 'Hi' });
    const silent = await client.send({ to: '243810000003', from: 'GUEST', message: 'Hi' });
    assert.deepEqual(await client.delivery(ok.messageId!, 'GUEST'), { messageId: ok.messageId, status: 'delivered', raw: 'DELIVERED' });
    assert.equal((await client.delivery(failed.messageId!, 'GUEST')).status, 'failed');
    assert.equal((await client.delivery(silent.messageId!, 'GUEST')).status, 'pending');
    const request = sim.requests.find((r) => r.path.endsWith('delivery.asp'))!;
    assert.deepEqual(request.query, { token: TOKEN, from: 'GUEST', messageid: waiting.messageId });
  });

  it('rejects a magic rejected number without charging and has no delivery report for it', async () => {
    const outcome = await client.send({ to: '243810000002', from: 'GUEST', message: 'Hi' });
    assert.deepEqual([outcome.status, outcome.description, outcome.messageId], ['rejected', 'Invalid destination number', undefined]);
    assert.equal(sim.balance, 100);
    await expectError(client.delivery('123', 'GUEST'), GatewayRejectedError);
  });

  it('parses the balance and expiration in Kinshasa time', async () => {
    sim.setExpiration(new Date('2026-12-31T05:46:17Z'));
    assert.deepEqual(await client.balance('GUEST'), { balance: 100, expiration: '2026-12-31T05:46:17.000Z', status: 'active' });
    sim.setExpiration(null);
    sim.setAccountStatus('Inactive');
    assert.deepEqual(await client.balance('GUEST'), { balance: 100, expiration: null, status: 'inactive' });
  });

  it('goes through a proxy when given one, and reports a refusing proxy as not sent', async () => {
    const tunnels: string[] = [];
    let refuse = false;
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      if (refuse) {
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const proxied = newClient({ proxyUrl });
    const refused = newClient({ proxyUrl, maxRetries: 0 });
    try {
      assert.equal((await proxied.balance('GUEST')).balance, 100);
      assert.deepEqual(tunnels, [new URL(sim.baseUrl).host]);
      refuse = true;
      const outcome = await refused.send({ to: TO, from: 'GUEST', message: 'Hi' });
      texts.push(outcome.description);
      assert.equal(outcome.status, 'failed', outcome.description);
      assert.match(outcome.description, /proxy/i);
      assert.equal(posts(), 0);
    } finally {
      await proxied.close();
      await refused.close();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('masks the token when an answer echoes it', async () => {
    const echo = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? JSON.parse(body || '{}').token;
        res.end(JSON.stringify({ status: 'Rejected', description: `Invalid token ${token}` }));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoing = newClient({ baseUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}/sms/v2` });
    try {
      const outcome = await echoing.send({ to: TO, from: 'GUEST', message: 'Hi' });
      assert.deepEqual([outcome.status, outcome.description], ['rejected', 'Invalid token ***']);
      const error = await expectError(echoing.balance('GUEST'), GatewayRejectedError);
      assert.equal(error.description, 'Invalid token ***');
    } finally {
      await echoing.close();
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('does not load undici when the client module is imported, constructed and closed unused', () => {
    const clientJs = path.join(__dirname, '..', '..', 'src', 'core', 'client.js');
    const script =
      `const { KeccelClient } = require(${JSON.stringify(clientJs)});` +
      `new KeccelClient({ baseUrl: 'https://api.keccel.com/sms/v2', token: 't' }).close().then(() =>` +
      `console.log(Object.keys(require.cache).some((k) => k.includes('undici'))));`;
    assert.equal(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim(), 'false');
  });
});

// A user trial with `keccel-sim --token T`: masking the token as a substring turned `SENT` into `SEN***` (a
// charged send recorded as unknown) and `GET` into `GE***`. Short and numeric tokens must leave data alone and
// still never reach a log line through a URL or a body. `1` occurs in every simulator message id and balance.
describe('KeccelClient with a short or numeric token', () => {
  for (const token of ['T', '1000', '1']) {
    it(`token ${JSON.stringify(token)}: sent with the right id, balance 1000, no token in any log line`, async () => {
      const lines: string[] = [];
      const sim = new KeccelSimulator({ token, logger: recordingLogger(lines) });
      await sim.start();
      const client = new KeccelClient({ baseUrl: sim.baseUrl, token, logger: recordingLogger(lines) });
      try {
        assert.equal((await client.balance('GUEST')).balance, 1000);
        const outcome = await client.send({ to: TO, from: 'GUEST', message: 'Hello' });
        assert.equal(outcome.status, 'sent', outcome.description);
        const messageId = sim.messages[0].messageId;
        assert.equal(outcome.status === 'sent' && outcome.messageId, messageId);
        assert.equal((await client.delivery(messageId, 'GUEST')).messageId, messageId);
        assert.equal((await client.balance('GUEST')).balance, 999);
        // The token went on the wire intact.
        assert.equal(JSON.parse(sim.requests.find((r) => r.method === 'POST')!.body).token, token);

        const tokenValues = lines.flatMap((line) => [...line.matchAll(/token=([^&\s]*)/gi)].map((m) => m[1]));
        assert.ok(tokenValues.length >= 6, 'client and simulator log every GET with its token parameter');
        assert.deepEqual([...new Set(tokenValues)], ['***']);
        for (const line of lines) assert.ok(!line.includes(`"token":"${token}"`), `body leaked in: ${line}`);
        // Honest text is not altered: the methods, the sender and the ids read as they are.
        assert.ok(lines.some((l) => l.startsWith('GET /sms/v2/balance.asp?token=***&from=GUEST 200')), lines.join('\n'));
        assert.ok(lines.some((l) => l.startsWith('[sim] GET /sms/v2/delivery.asp?token=***&from=GUEST&messageid=' + messageId)), lines.join('\n'));
        assert.ok(lines.some((l) => l.startsWith('POST /sms/v2/message.asp 200')), lines.join('\n'));
      } finally {
        await client.close();
        await sim.stop();
      }
    });
  }
});
