// "Diagnose Connection" over real sockets: the simulator, a closed port, a name that does not resolve, an HTTPS
// server with a self-signed certificate, a proxy that answers 407, a gateway that answers a web page, a token the
// gateway refuses, a clock ten minutes off; each ends at the step a user would look at, with advice, and no
// result ever holds the token.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnoseConnection, type DiagnoseOptions } from '../../src/core/diagnose';
import type { DiagnosisResult, StepResult } from '../../src/core/diagnose/types';
import { KeccelSimulator } from '../../src/simulator';

const TOKEN = 'TOK-diagnose-never-leak-5e2a';
const LIVE = 'https://api.keccel.com/sms/v2';

const ids = (result: DiagnosisResult) => result.steps.map((s) => s.id);
const last = (result: DiagnosisResult): StepResult => result.steps[result.steps.length - 1];

async function listen(server: http.Server | https.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('Diagnose Connection (core, real sockets)', function () {
  this.timeout(20_000);
  /** Every result of this suite, searched for the token at the end. */
  const results: DiagnosisResult[] = [];
  const servers: net.Server[] = [];
  let sim: KeccelSimulator;

  async function diagnose(options: Partial<DiagnoseOptions> & Pick<DiagnoseOptions, 'account'>): Promise<DiagnosisResult> {
    const started: string[] = [];
    const result = await diagnoseConnection({
      source: 'user settings',
      from: 'GUEST',
      proxy: { env: {} },
      timeoutMs: 3000,
      onStep: (id) => started.push(id),
      ...options,
    });
    results.push(result);
    assert.deepEqual(started, ids(result), 'progress names each step as it starts, in order');
    assert.ok(result.steps.every((s) => Number.isInteger(s.ms) && s.ms >= 0), 'each step has its time');
    assert.equal(result.ok, result.steps.every((s) => s.ok));
    return result;
  }

  /** A plain HTTP server on loopback whose balance.asp answer the test writes; it records the URLs asked. */
  async function gateway(answer: (res: http.ServerResponse, req: http.IncomingMessage) => void): Promise<{ baseUrl: string; urls: string[] }> {
    const urls: string[] = [];
    const server = http.createServer((req, res) => {
      urls.push(req.url ?? '');
      answer(res, req);
    });
    servers.push(server);
    return { baseUrl: `http://127.0.0.1:${await listen(server)}/sms/v2`, urls };
  }

  before(async () => {
    sim = new KeccelSimulator({ token: TOKEN, balance: 321 });
    await sim.start();
  });

  after(async () => {
    await sim.stop();
    await Promise.all(servers.map((s) => close(s)));
    for (const result of results) assert.ok(!JSON.stringify(result).includes(TOKEN), 'a result holds the token');
  });

  it('passes every step against the simulator, in the order of a direct connection', async () => {
    const result = await diagnose({ account: { baseUrl: sim.baseUrl, token: TOKEN } });
    assert.deepEqual(ids(result), ['url', 'dns', 'tcp', 'tls', 'proxy', 'http', 'token', 'clock']);
    assert.equal(result.ok, true, JSON.stringify(result));
    const step = (id: string) => result.steps.find((s) => s.id === id)!;
    assert.equal(step('url').finding.key, 'url.ok');
    assert.ok(step('url').finding.args.includes('user settings'), 'the url step says which settings chose it');
    assert.equal(step('tls').finding.key, 'tls.none');
    assert.equal(step('proxy').finding.key, 'proxy.none');
    assert.deepEqual(step('http').finding.args.slice(0, 1), [200]);
    assert.match(String(step('http').finding.args[1]), /json/);
    assert.equal(step('token').finding.key, 'token.accepted');
    assert.ok(step('token').finding.args.includes(321));
    assert.equal(step('clock').finding.key, 'clock.ok');
  });

  it('never sends the token to a base URL other than the active account\'s, and says so', async () => {
    const other = await gateway((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"balance":"5","expiration":"","status":"active"}'));
    const result = await diagnose({ account: { baseUrl: LIVE, token: TOKEN }, baseUrl: other.baseUrl });
    assert.equal(result.ok, true, JSON.stringify(result));
    const token = result.steps.find((s) => s.id === 'token')!;
    assert.equal(token.finding.key, 'token.notSent');
    assert.equal(other.urls.length, 1);
    assert.ok(!other.urls[0].includes(TOKEN) && !/token=/.test(other.urls[0]), other.urls[0]);
  });

  it('a proxy configured for the network is not used for the loopback simulator (the client\'s rule)', async () => {
    const result = await diagnose({ account: { baseUrl: sim.baseUrl, token: TOKEN }, proxy: { setting: 'http://127.0.0.1:9', env: {} } });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.steps.find((s) => s.id === 'proxy')!.finding.key, 'proxy.bypassed');
  });

  it('stops at tcp on a closed port, advising to start what should listen there', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await close(server);
    const result = await diagnose({ account: { baseUrl: `http://127.0.0.1:${port}/sms/v2`, token: TOKEN } });
    assert.deepEqual(ids(result), ['url', 'dns', 'tcp']);
    assert.equal(last(result).ok, false);
    assert.equal(last(result).finding.key, 'tcp.refused');
    assert.equal(last(result).advice?.key, 'tcp.refusedLoopback.advice');
  });

  it('stops at dns for a name that does not resolve', async () => {
    const result = await diagnose({ account: { baseUrl: 'https://keccel-diagnose.invalid/sms/v2', token: TOKEN } });
    assert.deepEqual(ids(result), ['url', 'dns']);
    assert.match(last(result).finding.key, /^dns\.(notFound|temporary|failed)$/);
    assert.ok(last(result).advice);
  });

  it('stops at url for plain http to another machine, before anything leaves', async () => {
    const result = await diagnose({ account: { baseUrl: 'http://api.keccel.com/sms/v2', token: TOKEN } });
    assert.deepEqual(ids(result), ['url']);
    assert.equal(last(result).finding.key, 'url.insecure');
    assert.equal(last(result).advice?.key, 'url.insecure.advice');
  });

  it('stops at tls on a self-signed certificate, naming its subject, issuer and days left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-diag-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30',
      '-subj', '/CN=Portal Inspector/O=Middlebox', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end('{}'));
    servers.push(server);
    fs.rmSync(dir, { recursive: true, force: true });
    const port = await listen(server);
    const result = await diagnose({ account: { baseUrl: `https://127.0.0.1:${port}/sms/v2`, token: TOKEN } });
    assert.deepEqual(ids(result), ['url', 'dns', 'tcp', 'tls']);
    const tls = last(result);
    assert.equal(tls.ok, false);
    assert.equal(tls.finding.key, 'tls.untrusted');
    const args = tls.finding.args.map(String);
    assert.ok(args.some((a) => a.includes('Portal Inspector')), `subject named: ${args}`);
    assert.ok(args.some((a) => /^TLSv1\.[23]$/.test(a)), `protocol named: ${args}`);
    assert.ok(args.includes('DEPTH_ZERO_SELF_SIGNED_CERT'), `reason named: ${args}`);
    assert.ok(tls.finding.args.some((a) => a === 29 || a === 30), `days left: ${args}`);
    assert.equal(tls.advice?.key, 'tls.untrusted.advice');
  });

  it('passes tls with a warning and advice when a trusted certificate expires within two weeks', async () => {
    // Node reads NODE_EXTRA_CA_CERTS at start only: the diagnosis runs in a child process that trusts this certificate.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-diag-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '5',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"balance":"5","expiration":"","status":"active"}'));
    servers.push(server);
    const port = await listen(server);
    const script = `require(${JSON.stringify(path.resolve(__dirname, '../../src/core/diagnose'))}).diagnoseConnection({
      account: { baseUrl: 'https://127.0.0.1:${port}/sms/v2', token: ${JSON.stringify(TOKEN)} },
      source: 'test', from: 'GUEST', proxy: { env: {} }, timeoutMs: 3000,
    }).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: cert } }, (error, stdout) =>
        error ? reject(error) : resolve(stdout)));
    fs.rmSync(dir, { recursive: true, force: true });
    const result = JSON.parse(output) as DiagnosisResult;
    results.push(result);
    const tls = result.steps.find((s) => s.id === 'tls')!;
    assert.equal(tls.ok, true, JSON.stringify(tls));
    assert.equal(tls.warning, true);
    assert.equal(tls.finding.key, 'tls.ok');
    assert.equal(tls.advice?.key, 'tls.expiresSoon.advice');
    assert.ok(tls.advice?.args[0] === 4 || tls.advice?.args[0] === 5, JSON.stringify(tls.advice));
    assert.equal(result.ok, true, 'a warning does not stop the diagnosis');
    assert.equal(result.steps.length, 8);
  });

  it('behind a proxy: proxy right after url, dns and tcp test the proxy, and a 407 names the credentials', async () => {
    const tunnels: string[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
      tunnels.push(req.url ?? '');
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="office"\r\nContent-Length: 0\r\n\r\n');
    });
    servers.push(proxy);
    const port = await listen(proxy);
    const result = await diagnose({
      account: { baseUrl: LIVE, token: TOKEN },
      proxy: { env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } },
    });
    assert.deepEqual(ids(result), ['url', 'proxy', 'dns', 'tcp', 'tls']);
    const [, proxyStep, dns, tcp, tls] = result.steps;
    assert.equal(proxyStep.finding.key, 'proxy.used');
    assert.ok(proxyStep.finding.args.includes('HTTPS_PROXY'), 'says which variable chose the proxy');
    assert.ok(dns.finding.args.includes('127.0.0.1'));
    assert.ok(tcp.finding.args.some((a) => String(a).endsWith(`:${port}`)), 'tcp connected to the proxy');
    assert.equal(tls.ok, false);
    assert.equal(tls.finding.key, 'tls.tunnelRefused');
    assert.equal(tls.finding.args[1], 407);
    assert.equal(tls.advice?.key, 'tls.proxyAuth.advice');
    assert.deepEqual(tunnels, ['api.keccel.com:443']);
  });

  it('never shows the proxy\'s password', async () => {
    const result = await diagnose({
      account: { baseUrl: LIVE, token: TOKEN },
      proxy: { setting: 'http://alice:s3cret-pass@127.0.0.1:9', env: {} },
    });
    assert.equal(result.steps[1].finding.key, 'proxy.usedWithCredentials');
    assert.ok(!JSON.stringify(result).includes('s3cret-pass'));
  });

  it('stops at http when the gateway answers a web page instead of JSON', async () => {
    const portal = await gateway((res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>Wi-Fi login</title></head><body>Sign in</body></html>'));
    const result = await diagnose({ account: { baseUrl: portal.baseUrl, token: TOKEN } });
    assert.deepEqual(ids(result), ['url', 'dns', 'tcp', 'tls', 'proxy', 'http']);
    assert.equal(last(result).finding.key, 'http.html');
    assert.ok(last(result).finding.args.includes('Wi-Fi login'), JSON.stringify(last(result)));
    assert.equal(last(result).advice?.key, 'http.html.advice');
  });

  it('names where the base URL is set in every advice that asks to check it (an account\'s entry, not keccel.apiBaseUrl)', async () => {
    const setting = 'the "baseUrl" of the account "Acme" in keccel.accounts';
    const check = async (baseUrl: string, key: string) => {
      const result = await diagnose({ account: { baseUrl, token: TOKEN }, setting });
      assert.equal(last(result).advice?.key, key, JSON.stringify(last(result)));
      assert.deepEqual(last(result).advice?.args, [setting], JSON.stringify(last(result)));
    };
    await check('not a url', 'url.invalid.advice');
    await check('ftp://api.keccel.com/sms/v2', 'url.scheme.advice');
    const missing = await gateway((res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'));
    await check(missing.baseUrl, 'http.notFound.advice');
    const refused = await gateway((res) => res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden'));
    await check(refused.baseUrl, 'http.status.advice');
    const page = await gateway((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
    await check(page.baseUrl, 'http.html.advice');
    const text = await gateway((res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK'));
    await check(text.baseUrl, 'http.notJson.advice');
    const unclear = await gateway((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
    await check(unclear.baseUrl, 'token.unclear.advice');
  });

  it('stops at http on an error status, with advice for that status', async () => {
    // IIS-style page that echoes the requested URL, token and all.
    const missing = await gateway((res, req) => res.writeHead(404, { 'content-type': 'text/html' }).end(`<h1>Not found: ${req.url}</h1>`));
    const result = await diagnose({ account: { baseUrl: missing.baseUrl, token: TOKEN } });
    assert.equal(last(result).id, 'http');
    assert.match(String(last(result).finding.args[2]), /^Not found: \/sms\/v2\/balance\.asp\?token=\*\*\*/);
    assert.equal(last(result).finding.key, 'http.status');
    assert.equal(last(result).advice?.key, 'http.notFound.advice');
  });

  it('stops at token when the gateway refuses it, with the gateway\'s words', async () => {
    const result = await diagnose({ account: { baseUrl: sim.baseUrl, token: 'not-the-right-token-9f' } });
    assert.deepEqual(ids(result), ['url', 'dns', 'tcp', 'tls', 'proxy', 'http', 'token']);
    assert.equal(last(result).finding.key, 'token.rejected');
    assert.ok(last(result).finding.args.some((a) => /invalid token/i.test(String(a))), JSON.stringify(last(result)));
    assert.equal(last(result).advice?.key, 'token.rejected.advice');
  });

  it('stops at token when no token is stored', async () => {
    const result = await diagnose({ account: { baseUrl: sim.baseUrl } });
    assert.equal(last(result).id, 'token');
    assert.equal(last(result).finding.key, 'token.none');
    assert.equal(last(result).advice?.key, 'token.none.advice');
  });

  it('stops at clock when the answer\'s Date is ten minutes off this machine\'s clock', async () => {
    const ahead = await gateway((res) => {
      res.setHeader('Date', new Date(Date.now() + 10 * 60_000).toUTCString());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"balance":"5","expiration":"","status":"active"}');
    });
    const result = await diagnose({ account: { baseUrl: ahead.baseUrl, token: TOKEN } });
    assert.deepEqual(ids(result), ['url', 'dns', 'tcp', 'tls', 'proxy', 'http', 'token', 'clock']);
    assert.equal(result.ok, false);
    assert.equal(last(result).finding.key, 'clock.behind');
    assert.equal(last(result).finding.args[0], 10);
    assert.equal(last(result).advice?.key, 'clock.advice');
  });
});
