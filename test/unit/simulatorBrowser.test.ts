// A web page the user visits must not drive the simulator (keccel-sim, the in-editor sandbox): the requests a
// browser sends without a CORS preflight (a no-cors fetch, a form, an <img>) carry the browser's marks, Origin and
// Sec-Fetch-Site, and get 403; the apps the simulator is for (curl, Node's fetch, undici, a test suite) carry none
// and are answered. Bodies over 64 KB get 413, and the request log keeps only the start of each body.
// Driven with raw node:http requests that set the exact headers a browser sends.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { request as undiciRequest } from 'undici';
import { KeccelSimulator, startSimulator, type SimRequestEntry } from '../../src/simulator';

const TOKEN = 'sandbox-token';
const TO = '243812345678';

interface RawAnswer {
  status: number;
  body: string;
}

function raw(url: string, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const all = body !== undefined ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers;
    const req = http.request(url, { method, headers: all, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = `token=${TOKEN}&to=${TO}&from=EVIL&message=pwned`;
const json = JSON.stringify({ token: TOKEN, to: TO, from: 'EVIL', message: 'pwned' });

/** The headers Chromium sends with each request a page can make without a preflight. */
const pageRequests: Array<{ name: string; method: string; path: string; headers: Record<string, string>; body?: string }> = [
  {
    name: 'a form POST from another site',
    method: 'POST', path: '/message.asp', body: form,
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  },
  {
    name: 'a no-cors fetch with a text/plain JSON body',
    method: 'POST', path: '/message.asp', body: json,
    headers: { origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' },
  },
  {
    name: 'a typeless POST from a sandboxed iframe (Origin null), no Sec-Fetch headers',
    method: 'POST', path: '/message.asp', body: json,
    headers: { origin: 'null' },
  },
  {
    name: 'a POST from a page of the same site (another localhost port)',
    method: 'POST', path: '/message.asp', body: json,
    headers: { origin: 'http://localhost:3000', 'content-type': 'text/plain', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
  },
  {
    name: 'an <img> GET (no Origin header, only Sec-Fetch-Site)',
    method: 'GET', path: `/balance.asp?token=${TOKEN}&from=EVIL`,
    headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
  },
];

describe('simulator: requests from a web page', () => {
  let sim: KeccelSimulator;
  let callback: http.Server;
  let pushes: string[];
  beforeEach(async () => {
    pushes = [];
    callback = http.createServer((req, res) => {
      pushes.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    const { port } = callback.address() as net.AddressInfo;
    sim = await startSimulator({ deliveryDelayMs: 0, callbackUrl: `http://127.0.0.1:${port}/report` });
  });
  afterEach(async () => {
    await sim.stop();
    await new Promise<void>((resolve) => callback.close(() => resolve()));
  });

  for (const shape of pageRequests) {
    it(`answers 403 to ${shape.name}, charges nothing and lists it only as refused`, async () => {
      const logged: SimRequestEntry[] = [];
      sim.requestLog.onEntry((entry) => logged.push(entry));
      const before = sim.balance;
      const answer = await raw(sim.baseUrl + shape.path, shape.method, shape.headers, shape.body);
      assert.equal(answer.status, 403);
      assert.match(answer.body, /web page/);
      assert.equal(sim.balance, before);
      assert.equal(sim.messages.length, 0);
      // A report would have gone out at once (deliveryDelayMs 0): nothing to push, nothing pushed.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(pushes, []);
      assert.equal(logged.length, 1);
      assert.equal(logged[0].status, 403);
      assert.ok(logged[0].refused?.startsWith('browser'), `refused: ${logged[0].refused}`);
      assert.deepEqual(logged[0].fields, {});
      assert.equal(logged[0].requestBody, undefined);
      assert.ok(!JSON.stringify(logged[0]).includes('pwned'));
    });
  }

  it('answers the JSON API (/__sim/) 403 too when a page asks', async () => {
    const answer = await raw(`${new URL(sim.baseUrl).origin}/__sim/messages`, 'GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    assert.equal(answer.status, 403);
  });

  it('answers curl-like requests (no Origin, no Sec-Fetch headers): form, JSON and query forms', async () => {
    const formAnswer = await raw(`${sim.baseUrl}/message.asp`, 'POST', { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'curl/8.5.0' }, form);
    assert.equal(formAnswer.status, 200);
    assert.match(formAnswer.body, /"SENT"/);
    const jsonAnswer = await raw(`${sim.baseUrl}/message.asp`, 'POST', { 'content-type': 'application/json' }, json);
    assert.match(jsonAnswer.body, /"SENT"/);
    const balance = await raw(`${sim.baseUrl}/balance.asp?token=${TOKEN}&from=APP`, 'GET', {});
    assert.match(balance.body, /"balance"/);
  });

  it("answers Node's own fetch (it sends sec-fetch-mode: cors, and no Origin)", async () => {
    const res = await fetch(`${sim.baseUrl}/message.asp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /"SENT"/);
    const entry = sim.requestLog.entries.at(-1)!;
    assert.equal(entry.refused, undefined);
  });

  it('answers undici and a same-origin request (Origin of the simulator itself, Sec-Fetch-Site same-origin or none)', async () => {
    const res = await undiciRequest(`${sim.baseUrl}/message.asp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
    assert.equal(res.statusCode, 200);
    assert.match(await res.body.text(), /"SENT"/);
    const own = new URL(sim.baseUrl).origin;
    const same = await raw(`${sim.baseUrl}/message.asp`, 'POST', { origin: own, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, json);
    assert.equal(same.status, 200);
    const typed = await raw(`${sim.baseUrl}/balance.asp?token=${TOKEN}&from=APP`, 'GET', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' });
    assert.equal(typed.status, 200);
    assert.equal(sim.messages.length, 2);
  });
});

describe('simulator: body size', () => {
  let sim: KeccelSimulator;
  beforeEach(async () => (sim = await startSimulator({ deliveryDelayMs: null })));
  afterEach(() => sim.stop());

  it('answers 413 (not a reset) to a body over 64 KB announced by Content-Length, and records nothing', async () => {
    const body = JSON.stringify({ token: TOKEN, to: TO, from: 'APP', message: 'x'.repeat(1024 * 1024) });
    const answer = await raw(`${sim.baseUrl}/message.asp`, 'POST', { 'content-type': 'application/json' }, body);
    assert.equal(answer.status, 413);
    assert.equal(sim.messages.length, 0);
    assert.equal(sim.requestLog.entries.at(-1)?.refused, 'too-large');
  });

  it('answers 413 to a chunked body that grows past 64 KB, without keeping it', async () => {
    const answer = await new Promise<RawAnswer>((resolve, reject) => {
      const req = http.request(`${sim.baseUrl}/message.asp`, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    assert.equal(answer.status, 413);
    const entry = sim.requestLog.entries.at(-1)!;
    assert.equal(entry.refused, 'too-large');
    assert.ok((entry.requestBody ?? '').length <= 4096);
  });

  it('answers a body just under 64 KB, and keeps at most 4 KB of each body under a flood', async function () {
    this.timeout(60_000); // 200 requests of 60 KB: seconds on a loaded 2-core machine, not a wait
    const message = 'y'.repeat(60 * 1024);
    const body = JSON.stringify({ token: TOKEN, to: TO, from: 'APP', message });
    for (let i = 0; i < 200; i++) {
      const answer = await raw(`${sim.baseUrl}/message.asp`, 'POST', { 'content-type': 'application/json' }, body);
      assert.equal(answer.status, 200);
    }
    const kept = sim.requestLog.entries.reduce((sum, entry) => sum + (entry.requestBody?.length ?? 0), 0);
    const recorded = sim.requests.reduce((sum, request) => sum + request.body.length, 0);
    assert.ok(kept <= 200 * 4096, `request log keeps ${kept} bytes of bodies`);
    assert.ok(recorded <= 200 * 4096, `requests keep ${recorded} bytes of bodies`);
    assert.match(sim.requestLog.entries.at(-1)!.requestBody!, /bytes in all/);
    // The messages themselves are the simulator's state (an app may send a long text): kept whole.
    assert.equal(sim.messages.at(-1)!.message.length, message.length);
  });
});
