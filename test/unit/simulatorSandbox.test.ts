// The simulator as a catcher for the user's own app: the request log (what was on the wire, token masked), the
// /__sim/ JSON API (read what was sent, decide outcomes), delivery-report pushes and failure injection. Driven
// with raw node:http requests, as an app or a test suite would.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { INJECTED_REJECTION, KeccelSimulator, describeEntry, startSimulator, type SimRequestEntry } from '../../src/simulator';

const TOKEN = 'app-test-token-9d1e';
const TO = '243812345678';

interface RawAnswer {
  status: number;
  body: string;
}

function raw(url: string, method = 'GET', body?: string, contentType = 'application/json'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = body !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } : {};
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

const origin = (sim: KeccelSimulator) => new URL(sim.baseUrl).origin;
const send = (sim: KeccelSimulator, fields: Record<string, string> = {}) =>
  raw(`${sim.baseUrl}/message.asp`, 'POST', JSON.stringify({ token: TOKEN, to: TO, from: 'MYAPP', message: 'Votre code: 1234', ...fields }));
const api = async (sim: KeccelSimulator, path: string, method = 'GET', body?: unknown) => {
  const answer = await raw(`${origin(sim)}/__sim/${path}`, method, body === undefined ? undefined : JSON.stringify(body));
  return { status: answer.status, json: JSON.parse(answer.body) as Record<string, unknown> };
};

/** Resolves with the next request-log entry. */
const nextEntry = (sim: KeccelSimulator) =>
  new Promise<SimRequestEntry>((resolve) => {
    const sub = sim.requestLog.onEntry((entry) => {
      sub.dispose();
      resolve(entry);
    });
  });

/** A local HTTP server standing for the app's delivery-report handler. */
async function callbackServer(): Promise<{ url: string; hits: URLSearchParams[]; close(): Promise<void> }> {
  const hits: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    hits.push(new URL(req.url ?? '/', 'http://x').searchParams);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/keccel/report`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function until(what: string, probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('simulator request log', () => {
  let sim: KeccelSimulator;
  beforeEach(async () => (sim = await startSimulator({ token: TOKEN, deliveryDelayMs: null })));
  afterEach(() => sim.stop());

  it('records a send with its parameters, the token masked, and the answer byte for byte', async () => {
    const entry = nextEntry(sim);
    const answer = await send(sim);
    const logged = await entry;
    assert.equal(logged.method, 'POST');
    assert.equal(logged.path, '/sms/v2/message.asp');
    assert.equal(logged.endpoint, 'message.asp');
    assert.equal(logged.status, 200);
    assert.equal(logged.responseBody, answer.body, 'the answer is not the one sent');
    assert.ok(!logged.requestBody?.includes(TOKEN), logged.requestBody);
    assert.match(logged.requestBody ?? '', /"token":"\*\*\*"/);
    assert.equal(logged.fields.to, TO);
    assert.equal(logged.fields.token, undefined);
    assert.equal(logged.messageId, sim.messages[0].messageId);
    assert.ok(!Number.isNaN(Date.parse(logged.at)) && logged.durationMs >= 0);
  });

  it('masks the token of a GET query and ties a delivery check to its message', async () => {
    await send(sim);
    const id = sim.messages[0].messageId;
    const entry = nextEntry(sim);
    await raw(`${sim.baseUrl}/delivery.asp?token=${TOKEN}&from=MYAPP&messageid=${id}`);
    const logged = await entry;
    assert.deepEqual(logged.params, { token: '***', from: 'MYAPP', messageid: id });
    assert.equal(logged.messageId, id);
    assert.match(describeEntry(logged), new RegExp(`^GET /sms/v2/delivery\\.asp\\?token=\\*\\*\\*&from=MYAPP&messageid=${id} -> 200 PENDING`));
    assert.ok(!describeEntry(logged).includes(TOKEN));
  });

  it('shows bad requests with the gateway answer they got', async () => {
    const cases: Array<[() => Promise<RawAnswer>, number, RegExp]> = [
      [() => send(sim, { token: 'wrong' }), 200, /"Invalid token"/],
      [() => raw(`${sim.baseUrl}/message.asp`, 'POST', JSON.stringify({ token: TOKEN, to: TO, from: 'A' })), 200, /The message parameter is missing/],
      [() => raw(`${sim.baseUrl}/message.asp`, 'POST', '{"token": "x", to:'), 200, /The token parameter is missing/],
      [() => raw(`${sim.baseUrl}/nope.asp`), 404, /404 - File or directory not found/],
      [() => raw(`${sim.baseUrl}/message.asp`, 'PUT', JSON.stringify({ token: TOKEN, to: TO, from: 'A', message: 'x' })), 405, /405 - HTTP verb used to access this page is not allowed/],
    ];
    for (const [request, status, body] of cases) {
      const entry = nextEntry(sim);
      const answer = await request();
      const logged = await entry;
      assert.equal(answer.status, status);
      assert.equal(logged.status, status);
      assert.match(logged.responseBody, body);
    }
    assert.equal(sim.messages.length, 0);
  });

  it('records a reset connection as status 0 without an answer', async () => {
    sim.failNext(1, 'reset');
    const entry = nextEntry(sim);
    await send(sim).catch(() => undefined);
    const logged = await entry;
    assert.equal(logged.status, 0);
    assert.equal(logged.responseBody, '');
    assert.match(describeEntry(logged), /connection reset/);
  });
});

describe('simulator JSON API (/__sim/)', () => {
  let sim: KeccelSimulator;
  beforeEach(async () => (sim = await startSimulator({ token: TOKEN, deliveryDelayMs: null })));
  afterEach(() => sim.stop());

  it('lists messages newest first, filtered by recipient in any written form', async () => {
    await send(sim, { to: '243812345678', message: 'one' });
    await send(sim, { to: '243971234567', message: 'two' });
    await send(sim, { to: '243812345678', message: 'three' });
    const all = await api(sim, 'messages');
    assert.equal(all.status, 200);
    assert.deepEqual((all.json.messages as Array<{ message: string }>).map((m) => m.message), ['three', 'two', 'one']);
    const some = await api(sim, `messages?to=${encodeURIComponent('+243 81 234 5678')}`);
    assert.deepEqual((some.json.messages as Array<{ message: string; status: string }>).map((m) => [m.message, m.status]), [['three', 'PENDING'], ['one', 'PENDING']]);
  });

  it('sets an outcome that delivery.asp then reports', async () => {
    await send(sim);
    const id = sim.messages[0].messageId;
    const set = await api(sim, `messages/${id}/delivery`, 'POST', { status: 'FAILED' });
    assert.equal(set.status, 200);
    assert.equal(set.json.status, 'FAILED');
    const pulled = await raw(`${sim.baseUrl}/delivery.asp?token=${TOKEN}&from=MYAPP&messageid=${id}`);
    assert.equal(JSON.parse(pulled.body).status, 'FAILED');
    const one = await api(sim, `messages/${id}`);
    assert.equal((one.json.requests as unknown[]).length, 2, 'the send and the delivery check');
  });

  it('refuses writes without a JSON content type, unknown ids and bad statuses', async () => {
    await send(sim);
    const id = sim.messages[0].messageId;
    const form = await raw(`${origin(sim)}/__sim/messages/${id}/delivery`, 'POST', 'status=FAILED', 'text/plain');
    assert.equal(form.status, 415);
    assert.equal((await api(sim, 'messages/999/delivery', 'POST', { status: 'DELIVERED' })).status, 404);
    assert.equal((await api(sim, `messages/${id}/delivery`, 'POST', { status: 'LOST' })).status, 400);
    assert.equal(sim.messages[0].status, 'PENDING');
  });

  it('sets the account, and sends follow it', async () => {
    const set = await api(sim, 'account', 'POST', { balance: 0 });
    assert.equal(set.json.balance, 0);
    assert.match((await send(sim)).body, /Insufficient credits/);
    await api(sim, 'account', 'POST', { balance: 5, status: 'inactive' });
    assert.match((await send(sim)).body, /Account is inactive/);
    assert.equal((await api(sim, 'account', 'POST', { balance: -1 })).status, 400);
  });

  it('keeps its own calls out of the request log', async () => {
    await api(sim, 'messages');
    assert.equal(sim.requestLog.entries.length, 0);
  });
});

describe('simulator delivery-report pushes', () => {
  it('pushes exactly one report per final status, with the right messageID', async () => {
    const callback = await callbackServer();
    const sim = await startSimulator({ token: TOKEN, deliveryDelayMs: 30, callbackUrl: callback.url });
    try {
      await send(sim);
      const id = sim.messages[0].messageId;
      await until('the automatic push', () => callback.hits.length === 1);
      assert.equal(callback.hits[0].get('messageID'), id);
      assert.equal(callback.hits[0].get('status'), 'DELIVERED');
      assert.ok(sim.setOutcome(id, 'FAILED'));
      await until('the second push', () => callback.hits.length === 2);
      assert.equal(callback.hits[1].get('status'), 'FAILED');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(callback.hits.length, 2, 'more pushes than final statuses');
      await until('the recorded results', () => (sim.callbacks.results.get(id)?.length ?? 0) === 2);
      assert.deepEqual(sim.callbacks.results.get(id)!.map((p) => [p.status, p.httpStatus, p.error]), [['DELIVERED', 200, undefined], ['FAILED', 200, undefined]]);
    } finally {
      await sim.stop();
      await callback.close();
    }
  });

  it('records a refused callback without holding up the answers', async () => {
    const callback = await callbackServer();
    await callback.close(); // nothing listens there any more
    const sim = await startSimulator({ token: TOKEN, deliveryDelayMs: null, callbackUrl: callback.url });
    try {
      await send(sim);
      const id = sim.messages[0].messageId;
      sim.setOutcome(id, 'DELIVERED');
      assert.equal(JSON.parse((await raw(`${sim.baseUrl}/balance.asp?token=${TOKEN}&from=A`)).body).balance, '999');
      await until('the push result', () => (sim.callbacks.results.get(id)?.length ?? 0) === 1);
      assert.equal(sim.callbacks.results.get(id)![0].error, 'refused');
      const again = await sim.pushAgain(id);
      assert.equal(again?.error, 'refused');
    } finally {
      await sim.stop();
    }
  });

  it('calls a non-2xx answer by its status', async () => {
    const server = http.createServer((_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sim = await startSimulator({ token: TOKEN, deliveryDelayMs: null, callbackUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb` });
    try {
      await send(sim);
      const push = await sim.pushAgain(sim.messages[0].messageId).then(() => undefined);
      assert.equal(push, undefined, 'a pending message has no report to push');
      sim.setOutcome(sim.messages[0].messageId, 'DELIVERED');
      await until('the push result', () => (sim.callbacks.results.get(sim.messages[0].messageId)?.length ?? 0) === 1);
      const [result] = sim.callbacks.results.get(sim.messages[0].messageId)!;
      assert.deepEqual([result.httpStatus, result.error], [500, 'non-2xx']);
    } finally {
      await sim.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('simulator failure injection', () => {
  /** A fixed sequence of dice, so each test knows which request fails. */
  const dice = (...values: number[]) => () => values.shift() ?? 0.99;

  it('rejects the chosen share of sends with a description that names the injection, charging nothing', async () => {
    const sim = await startSimulator({ token: TOKEN, chaos: { rejectSendsPercent: 50 }, random: dice(0.1, 0.9) });
    try {
      assert.deepEqual(JSON.parse((await send(sim)).body), { status: 'Rejected', description: INJECTED_REJECTION });
      assert.equal(JSON.parse((await send(sim)).body).status, 'SENT');
      assert.equal(sim.balance, 999);
      assert.equal(sim.requestLog.entries[0].injected, 'reject');
    } finally {
      await sim.stop();
    }
  });

  it('fails the chosen share of deliveries', async () => {
    const sim = await startSimulator({ token: TOKEN, deliveryDelayMs: 0, chaos: { failDeliveriesPercent: 100 } });
    try {
      await send(sim);
      assert.equal(sim.messages[0].status, 'FAILED');
    } finally {
      await sim.stop();
    }
  });

  it('resets connections and serves HTML 500 pages at the chosen rates, and delays answers', async () => {
    const sim = await startSimulator({ token: TOKEN, chaos: { resetPercent: 100 } });
    try {
      await assert.rejects(send(sim), /ECONNRESET|socket hang up/);
      assert.equal(sim.messages.length, 0);
      sim.chaos.set({ resetPercent: 0, html500Percent: 100 });
      const page = await send(sim);
      assert.equal(page.status, 500);
      assert.match(page.body, /500 - Internal server error/);
      sim.chaos.set({ html500Percent: 0, delayMs: 150 });
      const started = Date.now();
      assert.equal(JSON.parse((await send(sim)).body).status, 'SENT');
      assert.ok(Date.now() - started >= 140, 'the answer was not delayed');
      assert.deepEqual(sim.requestLog.entries.map((e) => e.injected), ['reset', 'html500', 'delay']);
      assert.ok(sim.chaos.active);
      sim.chaos.set({ delayMs: 0 });
      assert.ok(!sim.chaos.active);
    } finally {
      await sim.stop();
    }
  });

  it('clamps settings to their ranges', async () => {
    const sim = new KeccelSimulator({ chaos: { rejectSendsPercent: 250, delayMs: -5 } });
    assert.equal(sim.chaos.current.rejectSendsPercent, 100);
    assert.equal(sim.chaos.current.delayMs, 0);
  });
});

describe('simulator account changes', () => {
  let sim: KeccelSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ token: TOKEN, deliveryDelayMs: null, balance: 1000 });
  });
  afterEach(() => sim.stop());

  it('tells its listeners the account after every change: an app\'s send, an OTP, a setting, the JSON API', async () => {
    const seen: number[] = [];
    const sub = sim.onAccountChange((account) => seen.push(account.balance));
    await send(sim);
    assert.deepEqual(seen, [999], 'an app send that debits is not told');
    await raw(`${origin(sim)}/otp/generate.asp`, 'POST', JSON.stringify({ token: TOKEN, to: TO, from: 'MYAPP', message: 'Code %OTP%' }));
    assert.deepEqual(seen, [999, 998]);
    sim.setBalance(500);
    await api(sim, 'account', 'POST', { balance: 42 });
    assert.deepEqual(seen, [999, 998, 500, 42]);
    sub.dispose();
    await send(sim);
    assert.equal(seen.length, 4, 'a listener was told after it was disposed');
  });

  it('tells nothing for what does not change the account: a rejected send, a delivery check, a balance read', async () => {
    const seen: number[] = [];
    sim.onAccountChange((account) => seen.push(account.balance));
    await send(sim, { token: 'wrong' });
    await raw(`${sim.baseUrl}/balance.asp?token=${TOKEN}&from=MYAPP`);
    assert.deepEqual(seen, []);
  });
});
