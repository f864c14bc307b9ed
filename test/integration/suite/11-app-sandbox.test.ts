// The sandbox as a catcher for the user's own app: an external HTTP client (plain node:http, as an app would)
// sends to the sandbox running in this extension host; its sends land in the sandbox history with origin `app`
// and their wire exchange; Mark as Delivered / Failed change what its delivery.asp returns; a local HTTP server
// set as callback gets one push per final status; a refused callback is recorded; the port comes from the setting.
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { CallbackPush, HistoryRecord } from '../../../src/core/types';
import { configure, keccelApi, sendSms, waitFor } from '../support/harness';

interface Connection {
  baseUrl: string;
  token: string;
}

interface Answer {
  status: number;
  body: string;
}

/** One request as the user's app would make it: its own User-Agent, the token from its .env. */
function appRequest(url: string, method = 'GET', body?: string, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'user-agent': 'my-laravel-app/1.0', ...extraHeaders };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
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

const appSend = (c: Connection, to: string, message: string) =>
  appRequest(`${c.baseUrl}/message.asp`, 'POST', JSON.stringify({ token: c.token, to, from: 'MYAPP', message }));
const appDelivery = async (c: Connection, messageId: string) =>
  JSON.parse((await appRequest(`${c.baseUrl}/delivery.asp?token=${c.token}&from=MYAPP&messageid=${messageId}`)).body) as { status: string };

async function recordOf(messageId: string): Promise<HistoryRecord | undefined> {
  return (await (await keccelApi()).history()).find((r) => r.messageId === messageId);
}

/** A local HTTP server standing for the app's delivery-report handler. */
async function reportHandler(): Promise<{ url: string; hits: URLSearchParams[]; close(): Promise<void> }> {
  const hits: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    hits.push(new URL(req.url ?? '/', 'http://x').searchParams);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}/keccel/report`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on any more. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const start = (arg?: unknown) => vscode.commands.executeCommand<Connection | undefined>('keccel.startSandbox', arg);

describe('sandbox for your own app', () => {
  let connection: Connection;

  before(async () => {
    await vscode.commands.executeCommand('keccel.stopSandbox');
    await configure({ confirmBeforeSend: false, 'sandbox.port': 0, 'sandbox.autoDeliver': false, 'sandbox.callbackUrl': undefined });
    const started = await start();
    assert.ok(started, 'startSandbox returned nothing');
    connection = started;
  });

  after(async () => {
    await vscode.commands.executeCommand('keccel.sandbox.failureInjection', { off: true });
    await vscode.commands.executeCommand('keccel.stopSandbox');
    await configure({ 'sandbox.port': undefined, 'sandbox.autoDeliver': undefined, 'sandbox.callbackUrl': undefined });
  });

  it('startSandbox returns {baseUrl, token}, the same when already on, and the .env lines carry them', async () => {
    assert.match(connection.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/sms\/v2$/);
    assert.ok(connection.token.length >= 16, connection.token);
    assert.deepStrictEqual(await start(), connection);
    const env = await vscode.commands.executeCommand<string>('keccel.copySandboxConnection');
    assert.strictEqual(env, `KECCEL_BASE_URL=${connection.baseUrl}\nKECCEL_TOKEN=${connection.token}\n`);
    assert.strictEqual(await vscode.env.clipboard.readText(), env);
  });

  it('listens on keccel.sandbox.port with the same token after a restart; a busy port is an error, a free port only on request', async () => {
    const port = await freePort();
    await vscode.commands.executeCommand('keccel.stopSandbox');
    await configure({ 'sandbox.port': port });
    const first = await start();
    assert.strictEqual(first?.baseUrl, `http://127.0.0.1:${port}/sms/v2`);
    assert.strictEqual(first?.token, connection.token, 'the token changed across a restart');
    await vscode.commands.executeCommand('keccel.stopSandbox');

    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      assert.strictEqual(await start(), undefined, 'the sandbox started although its port is busy');
      assert.strictEqual((await keccelApi()).sandboxUrl(), undefined, 'the sandbox silently moved to another port');
      const moved = await start({ freePort: true });
      assert.ok(moved && !moved.baseUrl.includes(`:${port}/`), `the free port is the busy one: ${moved?.baseUrl}`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    await vscode.commands.executeCommand('keccel.stopSandbox');
    await configure({ 'sandbox.port': 0 });
    connection = (await start())!;
  });

  it("shows another client's send in the history and the tree with origin app and its wire exchange", async () => {
    const answer = await appSend(connection, '243971234567', 'Votre commande 42 est prête');
    assert.strictEqual(answer.status, 200);
    const messageId = (JSON.parse(answer.body) as { messageID: string }).messageID;
    const record = await waitFor('the app send in the sandbox history', () => recordOf(messageId), 5000, 50);
    assert.strictEqual(record.origin, 'app');
    assert.strictEqual(record.sandbox, true);
    assert.strictEqual(record.to, '243971234567');
    assert.strictEqual(record.from, 'MYAPP');
    assert.strictEqual(record.message, 'Votre commande 42 est prête');
    assert.strictEqual(record.sendStatus, 'sent');
    assert.strictEqual(record.deliveryStatus, 'pending');
    const [wire] = record.wire ?? [];
    assert.ok(wire, 'no wire exchange on the record');
    assert.strictEqual(wire.method, 'POST');
    assert.strictEqual(wire.path, '/sms/v2/message.asp');
    assert.strictEqual(wire.status, 200);
    assert.strictEqual(wire.responseBody, answer.body, 'the answer on the record is not the one sent');
    assert.ok(!wire.requestBody?.includes(connection.token), 'the token is on the record');
    const rows = await (await keccelApi()).messageTreeRows();
    const row = rows.find((r) => r.recordId === record.id);
    assert.ok(row, 'no tree row for the app send');
    assert.match(row.description ?? '', /Airtel/);
    assert.match(row.description ?? '', /app/);

    // The app's delivery check is listed on the message it concerns.
    await appDelivery(connection, messageId);
    await waitFor('the delivery check on the record', async () => ((await recordOf(messageId))?.wire?.length ?? 0) >= 2, 5000, 50);
  });

  it('keeps no text of an app send, on the record nor on its wire, while storeMessageText is off', async () => {
    await configure({ 'history.storeMessageText': false });
    try {
      const answer = await appSend(connection, '243812345678', 'Code secret 9071');
      const messageId = (JSON.parse(answer.body) as { messageID: string }).messageID;
      const record = await waitFor('the app send', () => recordOf(messageId), 5000, 50);
      assert.strictEqual(record.message, undefined);
      assert.ok(!JSON.stringify(record).includes('9071'), JSON.stringify(record.wire));
    } finally {
      await configure({ 'history.storeMessageText': undefined });
    }
  });

  it('gives the extension its own sends as origin vscode, with their wire', async () => {
    const record = await sendSms('0812345678', 'from VS Code');
    assert.ok(record?.messageId);
    assert.strictEqual(record.origin, 'vscode');
    const withWire = await waitFor('the wire of the extension send', async () => ((await recordOf(record.messageId!))?.wire?.length ? recordOf(record.messageId!) : undefined), 5000, 50);
    assert.strictEqual(withWire?.wire?.[0].method, 'POST');
    assert.strictEqual((await (await keccelApi()).history()).filter((r) => r.messageId === record.messageId).length, 1, 'the extension send was recorded twice');
  });

  it('an app cannot pass for the extension: a send with its User-Agent is still an app send', async () => {
    const body = JSON.stringify({ token: connection.token, to: '243812345678', from: 'MYAPP', message: 'pretending' });
    const answer = await appRequest(`${connection.baseUrl}/message.asp`, 'POST', body, { 'user-agent': 'keccel-sms-vscode' });
    const messageId = (JSON.parse(answer.body) as { messageID: string }).messageID;
    const record = await waitFor('the spoofed send in the history', () => recordOf(messageId), 5000, 50);
    assert.strictEqual(record.origin, 'app');
    assert.strictEqual(record.message, 'pretending');
  });

  it('answers sends without the right token as Keccel does and records none of a flood; the view says how many were refused', async function () {
    this.timeout(120_000);
    // No delivery check of the extension's own (each adds to a record's wire) while the file size is compared.
    await configure({ 'delivery.pollIntervalSeconds': 3600 });
    const api = await keccelApi();
    const file = await api.historyFile();
    const recordsBefore = (await api.history()).length;
    const sizeBefore = (await fs.stat(file)).size;
    const wrong = JSON.stringify({ token: 'not-the-sandbox-token', to: '243812345678', from: 'EVIL', message: 'flood' });
    const missing = JSON.stringify({ to: '243812345678', from: 'EVIL', message: 'flood' });
    const total = 3000;
    let next = 0;
    const answers: Answer[] = [];
    const worker = async () => {
      while (next < total) {
        const i = next++;
        answers.push(await appRequest(`${connection.baseUrl}/message.asp`, 'POST', i % 10 === 0 ? missing : wrong));
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    assert.ok(answers.every((a) => a.status === 200 && /"Rejected"/.test(a.body)), 'a send without the token was not answered Rejected');
    assert.ok(answers.some((a) => /Invalid token/.test(a.body)));
    // A web page's request and an oversized body are refused too, and counted.
    const page = await appRequest(`${connection.baseUrl}/message.asp`, 'POST', wrong, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    assert.strictEqual(page.status, 403);
    const big = JSON.stringify({ token: connection.token, to: '243812345678', from: 'MYAPP', message: 'x'.repeat(100 * 1024) });
    assert.strictEqual((await appRequest(`${connection.baseUrl}/message.asp`, 'POST', big)).status, 413);

    let shown = '';
    const message = await waitFor('the refusals in the Messages view', () => {
      shown = api.messageFilter().message ?? '';
      return /3002 requests refused/.test(shown) ? shown : undefined;
    }, 20_000, 100).catch((error: Error) => assert.fail(`${error.message}; the view says: ${JSON.stringify(shown)}; log: ${api.recentLog().slice(-12).join(' | ')}`));
    assert.match(message, /\d{1,2}:\d{2}/, 'the time of the last refusal is not shown');
    assert.strictEqual((await api.history()).length, recordsBefore, 'a refused send became a record');
    assert.strictEqual((await fs.stat(file)).size, sizeBefore, 'the history file grew with refused sends');
    await configure({ 'delivery.pollIntervalSeconds': undefined });
  });

  it("Mark as Failed / Delivered change what the app's delivery.asp returns", async () => {
    const messageId = (JSON.parse((await appSend(connection, '243812345678', 'mark me')).body) as { messageID: string }).messageID;
    assert.strictEqual((await appDelivery(connection, messageId)).status, 'PENDING');
    await vscode.commands.executeCommand('keccel.message.markFailed', { messageId });
    assert.strictEqual((await appDelivery(connection, messageId)).status, 'FAILED');
    const failed = await waitFor('the failed record', async () => ((await recordOf(messageId))?.deliveryStatus === 'failed' ? recordOf(messageId) : undefined), 5000, 50);
    // From the tree item, as the context menu passes it.
    await vscode.commands.executeCommand('keccel.message.markDelivered', { kind: 'message', record: failed });
    assert.strictEqual((await appDelivery(connection, messageId)).status, 'DELIVERED');
    await waitFor('the delivered record', async () => (await recordOf(messageId))?.deliveryStatus === 'delivered', 5000, 50);
    // The details page tells each outcome as a status change.
    assert.deepStrictEqual((await recordOf(messageId))?.events?.map((e) => e.status).slice(-2), ['failed', 'delivered']);
  });

  it('pushes one report per final status to the callback URL and shows a refused one', async () => {
    const handler = await reportHandler();
    try {
      await configure({ 'sandbox.callbackUrl': handler.url });
      const messageId = (JSON.parse((await appSend(connection, '243851234567', 'push me')).body) as { messageID: string }).messageID;
      await vscode.commands.executeCommand('keccel.message.markDelivered', { messageId });
      await waitFor('the push', () => handler.hits.length === 1, 5000, 50);
      assert.strictEqual(handler.hits[0].get('messageID'), messageId);
      assert.strictEqual(handler.hits[0].get('status'), 'DELIVERED');
      await vscode.commands.executeCommand('keccel.message.markFailed', { messageId });
      await waitFor('the second push', () => handler.hits.length === 2, 5000, 50);
      assert.strictEqual(handler.hits[1].get('status'), 'FAILED');
      assert.strictEqual(handler.hits[1].get('messageID'), messageId);
      const pushes = await waitFor('the pushes on the record', async () => {
        const list = (await recordOf(messageId))?.pushes;
        return list && list.length === 2 ? list : undefined;
      }, 5000, 50);
      assert.deepStrictEqual(pushes.map((p) => [p.status, p.httpStatus]), [['DELIVERED', 200], ['FAILED', 200]]);
      assert.strictEqual(handler.hits.length, 2, 'more pushes than final statuses');

      await configure({ 'sandbox.callbackUrl': `http://127.0.0.1:${await freePort()}/gone` });
      const again = await vscode.commands.executeCommand<CallbackPush | undefined>('keccel.message.pushReportAgain', { messageId });
      assert.strictEqual(again?.error, 'refused');
      await waitFor('the refused push on the record', async () => (await recordOf(messageId))?.pushes?.at(-1)?.error === 'refused', 5000, 50);
    } finally {
      await configure({ 'sandbox.callbackUrl': undefined });
      await handler.close();
    }
  });

  it('the details page lists each push (time, URL without the token, HTTP status or error) with Push Again', async () => {
    const handler = await reportHandler();
    try {
      // An app's handler URL may carry its own secret in the query: the page must not show it.
      await configure({ 'sandbox.callbackUrl': `${handler.url}?token=app-secret-123` });
      const messageId = (JSON.parse((await appSend(connection, '243851234568', 'details push')).body) as { messageID: string }).messageID;
      await vscode.commands.executeCommand('keccel.message.markDelivered', { messageId });
      const record = await waitFor('the push on the record', async () => {
        const found = await recordOf(messageId);
        return found?.pushes?.length === 1 ? found : undefined;
      }, 5000, 50);
      await vscode.commands.executeCommand('keccel.message.showDetails', { id: record.id });
      const api = await keccelApi();
      const first = await waitFor('the push on the details page', () => {
        const view = api.detailsPage()?.view;
        return view?.pushes.items.length === 1 ? view : undefined;
      }, 5000, 50);
      const push = first.pushes.items[0];
      assert.ok(!JSON.stringify(first).includes('app-secret-123'), 'the details page shows the callback URL\'s token');
      assert.ok(push.url.startsWith(`${handler.url}?`) && push.url.includes(`messageID=${messageId}`), push.url);
      assert.match(push.result, /HTTP 200/);
      assert.match(push.report, /DELIVERED/);
      assert.ok(push.at && push.iso === record.pushes![0].at);
      assert.ok(first.pushes.again, 'no Push Again on the details page');

      // Push Again (what the page's button runs) to a callback that refuses: the page adds the failed push.
      await configure({ 'sandbox.callbackUrl': `http://127.0.0.1:${await freePort()}/gone` });
      await vscode.commands.executeCommand('keccel.message.pushReportAgain', { id: record.id });
      const second = await waitFor('the refused push on the details page', () => {
        const view = api.detailsPage()?.view;
        return view?.pushes.items.length === 2 ? view : undefined;
      }, 5000, 50);
      assert.strictEqual(second.pushes.items[1].tone, 'error');
      assert.match(second.pushes.items[1].result, /connection refused/);
    } finally {
      await configure({ 'sandbox.callbackUrl': undefined });
      await handler.close();
    }
  });

  it('a send rejected for its number shows the number as the app sent it, and what is wrong with it', async () => {
    const api = await keccelApi();
    const cases: Array<[string, RegExp]> = [
      ['0812345678', /243 followed by the 9 digits.*243812345678/],
      ['+33 6 12 34 56 78', /only DRC mobile numbers/i],
    ];
    for (const [sent, wrong] of cases) {
      const answer = JSON.parse((await appSend(connection, sent, 'wrong number')).body) as { status: string };
      assert.strictEqual(answer.status, 'Rejected');
      const record = await waitFor(`the rejected send to ${sent}`, async () =>
        (await api.history()).find((r) => r.origin === 'app' && r.message === 'wrong number' && (r.sentTo ?? r.to) === sent), 5000, 50);
      await vscode.commands.executeCommand('keccel.message.showDetails', { id: record.id });
      const view = await waitFor('its details page', () => {
        const page = api.detailsPage();
        return page?.recordId === record.id ? page.view : undefined;
      }, 5000, 50);
      assert.strictEqual(view.title, `SMS to ${sent}`);
      assert.ok(view.outcome.lines.some((line) => line.includes(sent) && wrong.test(line)), JSON.stringify(view.outcome));
    }
  });

  it('the status-bar credit follows the sandbox\'s own balance as the app sends, without a balance request per send', async () => {
    const api = await keccelApi();
    const balanceOf = async () => Number((JSON.parse((await appRequest(`${connection.baseUrl}/balance.asp?token=${connection.token}&from=MYAPP`)).body) as { balance: string }).balance);
    const origin = new URL(connection.baseUrl).origin;
    const balanceReads = async () =>
      (JSON.parse((await appRequest(`${origin}/__sim/requests`)).body) as { requests: Array<{ path: string }> }).requests
        .filter((r) => /balance\.asp$/i.test(r.path)).length;
    const start = await balanceOf();
    const readsBefore = await balanceReads();
    for (let i = 0; i < 4; i++) await appSend(connection, '243812345678', `app send ${i}`);
    assert.strictEqual(await balanceOf(), start - 4);
    const item = await waitFor('the status bar to show the sandbox\'s balance', () => {
      const snapshot = api.balanceItem();
      return new RegExp(`\\b${start - 4}\\b`).test(snapshot.text) ? snapshot : undefined;
    }, 5000, 50);
    assert.match(item.text, /Sandbox/);
    // Only this test's own reads: the item followed the sandbox in-process, not by asking balance.asp per send.
    assert.strictEqual(await balanceReads(), readsBefore + 1);
  });

  it('keccel.sandbox.setCallbackUrl sets keccel.sandbox.callbackUrl, refuses what is no http(s) URL, and clears it', async () => {
    const setCallback = (arg: unknown) => vscode.commands.executeCommand<string | undefined>('keccel.sandbox.setCallbackUrl', arg);
    const stored = () => vscode.workspace.getConfiguration('keccel.sandbox').inspect<string>('callbackUrl')?.globalValue;
    try {
      assert.strictEqual(await setCallback({ url: 'http://127.0.0.1:8000/keccel/report' }), 'http://127.0.0.1:8000/keccel/report');
      assert.strictEqual(stored(), 'http://127.0.0.1:8000/keccel/report');
      for (const bad of ['ftp://127.0.0.1/report', 'not a url', 'http://']) {
        assert.strictEqual(await setCallback(bad), undefined, `${bad} was accepted`);
        assert.strictEqual(stored(), 'http://127.0.0.1:8000/keccel/report', `${bad} changed the setting`);
      }
      assert.strictEqual(await setCallback(''), '');
      assert.strictEqual(stored(), undefined, 'an empty URL did not clear the setting');
      const manifest = vscode.extensions.getExtension('keccel-tools.keccel-sms')!.packageJSON as { contributes: { commands: { command: string }[] } };
      assert.ok(manifest.contributes.commands.some((c) => c.command === 'keccel.sandbox.setCallbackUrl'), 'not declared in package.json');
    } finally {
      await configure({ 'sandbox.callbackUrl': undefined });
    }
  });

  it('rejects sends on demand: failure injection and an empty account', async () => {
    await vscode.commands.executeCommand('keccel.sandbox.failureInjection', { rejectSendsPercent: 100 });
    await waitFor('the failure injection to apply', async () => /failure injection/.test((await appSend(connection, '243812345678', 'chaos')).body), 5000, 100);
    await vscode.commands.executeCommand('keccel.sandbox.failureInjection', { off: true });
    await waitFor('the failure injection to stop', async () => /"SENT"/.test((await appSend(connection, '243812345678', 'calm')).body), 5000, 100);

    await vscode.commands.executeCommand('keccel.sandbox.account', { balance: 0 });
    const refused = JSON.parse((await appSend(connection, '243812345678', 'no credit')).body) as { status: string; description: string };
    assert.deepStrictEqual(refused, { status: 'Rejected', description: 'Insufficient credits' });
    await vscode.commands.executeCommand('keccel.sandbox.account', { balance: 1000 });
    const rejected = await waitFor('the rejected app send', async () =>
      (await (await keccelApi()).history()).find((r) => r.origin === 'app' && r.description === 'Insufficient credits'), 5000, 50);
    assert.strictEqual(rejected.sendStatus, 'rejected');
    assert.strictEqual(rejected.deliveryStatus, undefined);
  });
});
