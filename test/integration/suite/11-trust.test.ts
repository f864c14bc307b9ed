// Trust (README, "How your token and base URL are protected"): a workspace can never point the token at another host,
// and text from the gateway or a setting is shown as text (never a link or a command) in notifications and tooltips.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { KeccelSimulator } from '../../../src/simulator';
import { configure, keccelApi, refreshBalance, requestsTo, sendSms, startGateway, stopGateway, TEST_TOKEN, waitFor } from '../support/harness';
import { captureNotifications, NOTIFICATION_LINK, type CapturedNotifications } from '../support/notifications';

const HOSTILE = '[Fix it](command:workbench.action.quit)';

/** HTML of a Markdown source as VS Code's own Markdown renderer produces it (the built-in markdown extension). */
async function rendered(markdown: string): Promise<string> {
  return vscode.commands.executeCommand<string>('markdown.api.render', markdown);
}

function assertNoLink(text: string, where: string): void {
  assert.doesNotMatch(text, NOTIFICATION_LINK, `${where} holds a link: ${text}`);
}

describe('trust: workspace settings never choose the gateway', () => {
  let sim: KeccelSimulator;
  let planted: KeccelSimulator;
  let notes: CapturedNotifications;
  let settingsFile: string;

  before(async () => {
    notes = captureNotifications();
    sim = await startGateway();
    planted = new KeccelSimulator({ port: 0, token: TEST_TOKEN });
    await planted.start();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration run opens a folder');
    settingsFile = path.join(folder, '.vscode', 'settings.json');
  });

  after(async () => {
    notes.dispose();
    fs.rmSync(settingsFile, { force: true });
    await stopGateway(sim);
    await planted.stop();
  });

  it('ignores keccel.apiBaseUrl in a workspace settings.json, says so once, and keeps the token on the user\'s gateway', async () => {
    const plantedUrl = planted.baseUrl;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'keccel.apiBaseUrl': plantedUrl }));
    const said = () => notes.texts.filter((t) => t.includes('keccel.apiBaseUrl') && /ignored/i.test(t));
    await waitFor('the notice that the workspace value is ignored', () => said().length > 0, 15_000).catch((error: Error) => {
      const inspected = vscode.workspace.getConfiguration('keccel').inspect('apiBaseUrl');
      throw new Error(`${error.message}; inspect: ${JSON.stringify(inspected)}`);
    });

    const before = requestsTo(sim, 'balance.asp');
    assert.ok(await refreshBalance(), 'the balance refresh failed');
    assert.strictEqual(requestsTo(planted, 'balance.asp'), 0, 'the token went to the host the workspace named');
    assert.ok(requestsTo(sim, 'balance.asp') > before, 'the user\'s gateway got no request');
    assert.strictEqual(planted.requests.length, 0);

    // A second workspace value in the same session: still ignored, not said again.
    fs.writeFileSync(settingsFile, JSON.stringify({ 'keccel.apiBaseUrl': `${plantedUrl}/again` }));
    await waitFor('the new workspace value to be read', () =>
      vscode.workspace.getConfiguration('keccel').inspect<string>('apiBaseUrl')?.workspaceValue?.endsWith('/again') ||
      (fs.readFileSync(settingsFile, 'utf8').includes('/again') && said().length > 0), 15_000);
    assert.ok(await refreshBalance());
    assert.strictEqual(planted.requests.length, 0, 'the token went to the host the workspace named');
    assert.strictEqual(said().length, 1, `said more than once: ${said().join(' | ')}`);
  });
});

describe('trust: the token never travels in clear', () => {
  let sim: KeccelSimulator;
  let notes: CapturedNotifications;

  before(async () => {
    notes = captureNotifications();
    sim = await startGateway();
  });

  after(async () => {
    notes.dispose();
    await stopGateway(sim);
  });

  it('names the host it talks to in the status-bar tooltip when it is not the live gateway', async () => {
    assert.ok(await refreshBalance());
    const host = new URL(sim.baseUrl).host;
    const tooltip = (await keccelApi()).balanceItem().tooltip;
    assert.ok(tooltip.includes(`Gateway: ${host} (not the live Keccel gateway)`), tooltip);
  });

  it('never sends a loopback gateway\'s requests (token in clear) through the configured proxy', async () => {
    const connections: string[] = [];
    // A proxy that only records who reached it and lets nothing through.
    const proxy = net.createServer((socket) => {
      socket.once('data', (chunk) => connections.push(chunk.toString('latin1').split('\r\n')[0]));
      socket.on('error', () => undefined);
      setTimeout(() => socket.destroy(), 50);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const http = vscode.workspace.getConfiguration('http');
    try {
      await http.update('proxy', `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, vscode.ConfigurationTarget.Global);
      await waitFor('the proxy setting', () => vscode.workspace.getConfiguration('http').get<string>('proxy'));
      assert.ok(await refreshBalance(), 'the balance did not come from the loopback simulator');
      assert.deepStrictEqual(connections, [], 'the request went through the proxy');
    } finally {
      await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('refuses a plain http base URL to another machine, says why, and sends nothing there', async () => {
    // TEST-NET-1: nothing answers there; a refused URL is never even connected to.
    await configure({ apiBaseUrl: 'http://192.0.2.1:8787/sms/v2' });
    const shown = await waitFor('the refusal notification', () => notes.texts.find((t) => t.includes('plain http')));
    assert.ok(shown.includes('http://192.0.2.1:8787/sms/v2'), shown);
    assert.strictEqual(await refreshBalance(), undefined);
    const item = (await keccelApi()).balanceItem();
    assert.ok(/plain http/.test(item.tooltip), item.tooltip);

    // Loopback http (the sandbox, a local simulator) keeps working.
    await configure({ apiBaseUrl: sim.baseUrl });
    assert.ok(await refreshBalance(), 'the loopback simulator was refused');
  });
});

describe('trust: gateway and setting text is shown as text', () => {
  let server: http.Server;
  let baseUrl: string;
  let notes: CapturedNotifications;

  before(async () => {
    notes = captureNotifications();
    // A gateway (or a proxy in front of it) that plants Markdown links in every text it sends back.
    server = http.createServer((req, res) => {
      const body = /balance\.asp/i.test(req.url ?? '')
        ? { balance: '100', expiration: '', status: HOSTILE }
        : { status: 'Rejected', messageID: '', description: HOSTILE };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/v2`;
    await configure({ apiBaseUrl: baseUrl, confirmBeforeSend: false, requestTimeoutSeconds: 3 });
    await vscode.commands.executeCommand('keccel.setToken', TEST_TOKEN);
  });

  after(async () => {
    notes.dispose();
    await configure({ sender: undefined });
    await stopGateway(undefined);
    await new Promise((resolve) => server.close(resolve));
  });

  it('shows a planted [label](command:…) description as text in the notification and the tooltip', async () => {
    const record = await sendSms('0812349101', 'Mbote');
    assert.ok(record, 'no record of the attempt');
    assert.strictEqual(record.sendStatus, 'rejected');
    assert.strictEqual(record.description, HOSTILE, 'the history keeps what the gateway said, unchanged');

    const shown = await waitFor('the rejection notification', () => notes.texts.find((t) => /rejected/i.test(t) && t.includes('Fix it')));
    assertNoLink(shown, 'the notification');

    const api = await keccelApi();
    const row = await waitFor('the rejected row', async () => (await api.messageTreeRows()).find((r) => r.recordId === record.id));
    assert.ok(row.tooltip.includes('Fix it'), row.tooltip);
    assert.ok(row.tooltipMarkdown, 'the row has no Markdown tooltip');
    const html = await rendered(row.tooltipMarkdown);
    assert.doesNotMatch(html, /<a[\s>]|href\s*=/i, `the tooltip renders a link: ${html}`);
  });

  it('shows a planted account status as text in the balance tooltip', async () => {
    await refreshBalance();
    const item = await waitFor('the balance tooltip', async () => {
      const snapshot = (await keccelApi()).balanceItem();
      return /fix it/i.test(snapshot.tooltip) ? snapshot : undefined;
    });
    assert.ok(item.tooltipMarkdown);
    const html = await rendered(item.tooltipMarkdown);
    assert.doesNotMatch(html, /<a[\s>]|href\s*=/i, `the balance tooltip renders a link: ${html}`);
  });

  it('shows a keccel.sender value from the settings as text in the notification that refuses it', async () => {
    await configure({ sender: '[Go](command:workbench.action.quit)' });
    assert.strictEqual(await sendSms('0812349102', 'Mbote'), undefined);
    const shown = await waitFor('the refusal notification', () => notes.texts.find((t) => t.includes('keccel.sender') && t.includes('Go')));
    assertNoLink(shown, 'the notification');
  });
});
