// DNS rebinding protection of the simulator and the sandbox (docs/decisions/loopback-only.md): over real HTTP, a
// request whose Host header names another machine is refused and never reaches the gateway's endpoints.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { startSimulator, SANDBOX_TOKEN, type KeccelSimulator } from '../../src/simulator';
import { isLoopbackHost } from '../../src/simulator/loopbackHost';

function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator Host check', () => {
  let sim: KeccelSimulator;
  const lines: string[] = [];
  const warnings: string[] = [];
  const logger = { trace() {}, info: (l: string) => lines.push(l), warn: (l: string) => { lines.push(l); warnings.push(l); }, error: (l: string) => lines.push(l) };

  beforeEach(async () => {
    lines.length = 0;
    warnings.length = 0;
    sim = await startSimulator({ logger });
  });
  afterEach(() => sim.stop());

  const balanceUrl = () => `${sim.baseUrl}/balance.asp?token=${SANDBOX_TOKEN}&from=GUEST`;

  it('refuses a forged Host header (DNS rebinding) with 403 and a log line, before any endpoint runs', async () => {
    for (const host of ['evil.example', 'evil.example:8787', '127.0.0.1.evil.example', 'localhost.evil.example', '10.0.0.1']) {
      const answer = await get(balanceUrl(), host);
      assert.equal(answer.status, 403, host);
      assert.doesNotMatch(answer.body, /balance/i, host);
    }
    assert.equal(sim.requests.length, 0, 'a refused request is not recorded as a gateway request');
    assert.ok(warnings.some((l) => /refused GET .*Host "evil\.example"/.test(l)), lines.join('\n'));
    assert.ok(lines.every((l) => !l.includes(SANDBOX_TOKEN)), 'the log line passes the redactor');
  });

  it('answers loopback names and addresses, with any port', async () => {
    const port = new URL(sim.baseUrl).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST', '127.1.2.3', `[::1]:${port}`]) {
      const answer = await get(balanceUrl(), host);
      assert.equal(answer.status, 200, host);
      assert.match(answer.body, /"balance"/, host);
    }
  });

  it('knows the loopback names', () => {
    for (const host of ['localhost', 'localhost:1', '127.0.0.1', '127.255.255.255:65535', '[::1]', '[::1]:8787']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of [undefined, '', 'evil.example', '127.0.0.256', '128.0.0.1', '[::2]', 'localhost:99999', '::1',
      '127.0.0.1.nip.io', 'localhost.', 'user@localhost']) {
      assert.equal(isLoopbackHost(host), false, String(host));
    }
  });
});
