// "Diagnose Connection" in the real extension host: against the simulator every step passes and the report opens;
// against a closed port it stops at tcp with advice; a base URL other than the active account's is checked without
// the token; a failed balance refresh offers "Diagnose". No answer or report holds the token.
import * as assert from 'assert';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { KeccelSimulator } from '../../../src/simulator';
import { captureNotifications } from '../support/notifications';
import { TEST_TOKEN, configure, keccelApi, startGateway, stopGateway, waitFor } from '../support/harness';

interface Answer {
  ok: boolean;
  steps: { id: string; ok: boolean; ms: number; detail: string; advice?: string }[];
}

const diagnose = (arg?: unknown) => vscode.commands.executeCommand<Answer | undefined>('keccel.diagnoseConnection', arg);

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Diagnose Connection', () => {
  let sim: KeccelSimulator | undefined;
  const texts: string[] = [];

  afterEach(async () => {
    await stopGateway(sim);
    sim = undefined;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const text of texts) assert.ok(!text.includes(TEST_TOKEN), `the token shows in: ${text}`);
  });

  it('passes every step against the simulator and opens the report', async () => {
    sim = await startGateway();
    const answer = await diagnose();
    assert.ok(answer, 'no answer');
    texts.push(JSON.stringify(answer));
    assert.deepStrictEqual(answer.steps.map((s) => s.id), ['url', 'dns', 'tcp', 'tls', 'proxy', 'http', 'token', 'clock']);
    assert.strictEqual(answer.ok, true, JSON.stringify(answer, null, 1));
    assert.match(answer.steps[0].detail, /user settings/);
    assert.match(answer.steps.find((s) => s.id === 'token')!.detail, /645/);
    const report = await waitFor('the report', async () => (await keccelApi()).diagnosisReport());
    texts.push(JSON.stringify(report));
    assert.strictEqual(report.rows.length, 8);
    assert.strictEqual(report.tone, 'ok');
  });

  it('stops at tcp on a closed port and says what to try next', async () => {
    sim = await startGateway();
    await configure({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}/sms/v2` });
    const answer = await diagnose();
    assert.ok(answer);
    texts.push(JSON.stringify(answer));
    assert.strictEqual(answer.ok, false);
    assert.deepStrictEqual(answer.steps.map((s) => s.id), ['url', 'dns', 'tcp']);
    const tcp = answer.steps[2];
    assert.strictEqual(tcp.ok, false);
    assert.match(tcp.detail, /refused/);
    assert.match(tcp.advice ?? '', /Start Sandbox/);
    const report = (await keccelApi()).diagnosisReport();
    assert.strictEqual(report?.tone, 'error');
    texts.push(JSON.stringify(report));
  });

  it('checks another base URL without the token, and says so', async () => {
    sim = await startGateway();
    // Started by hand: startGateway would point the extension at it (and its balance refresh would go there).
    const other = new KeccelSimulator({ port: 0, token: TEST_TOKEN });
    await other.start();
    try {
      const answer = await diagnose({ baseUrl: other.baseUrl });
      assert.ok(answer);
      texts.push(JSON.stringify(answer));
      const token = answer.steps.find((s) => s.id === 'token');
      assert.ok(token?.ok, JSON.stringify(answer, null, 1));
      assert.match(token.detail, /Not checked/);
      const asked = other.requests.filter((r) => /balance\.asp$/.test(r.path));
      assert.strictEqual(asked.length, 1);
      assert.ok(!JSON.stringify(asked).includes(TEST_TOKEN), 'the token went to the other base URL');
    } finally {
      await other.stop();
    }
  });

  it('offers "Diagnose" on a send that could not reach the gateway', async () => {
    sim = await startGateway();
    await configure({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}/sms/v2` });
    const captured = captureNotifications();
    try {
      const record = await vscode.commands.executeCommand<{ sendStatus: string } | undefined>('keccel.sendSms', { to: '0812345678', message: 'Hello' });
      assert.strictEqual(record?.sendStatus, 'failed');
      const shown = await waitFor('the error notification', () => captured.shown.find((n) => /not sent/i.test(n.message)));
      assert.ok(shown.buttons.includes('Diagnose'), JSON.stringify(shown));
    } finally {
      captured.dispose();
    }
  });

  it('offers "Diagnose" on a failed balance refresh', async () => {
    sim = await startGateway();
    await configure({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}/sms/v2` });
    const captured = captureNotifications();
    try {
      await vscode.commands.executeCommand('keccel.refreshBalance');
      const shown = await waitFor('the error notification', () => captured.shown.find((n) => /balance/i.test(n.message)));
      assert.ok(shown.buttons.includes('Diagnose'), JSON.stringify(shown));
    } finally {
      captured.dispose();
    }
  });
});
