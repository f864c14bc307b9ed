// "Copy as Code" inside the real extension host: the command given a record and a language resolves to the
// snippet without asking anything, never holds the stored token, finds the record by `{id}`, by `{messageId}` or
// from the tree item, is in the tree's context menu, and the snippet it returns really sends the same SMS.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../../src/core/types';
import { SANDBOX_TOKEN, type KeccelSimulator } from '../../../src/simulator';
import { EXTENSION_ID, TEST_TOKEN, keccelApi, sendSms, sleep, startGateway, stopGateway } from '../support/harness';

const TEXT = 'Code "copié" l\'été: $HOME \\ 😀\nfin';

/**
 * Runs a Node.js snippet with the extension host's Node, the token and the gateway in its environment only (no
 * KECCEL_BASE_URL when `baseUrl` is undefined: the snippet's fallback applies).
 */
async function runNode(text: string, token: string, baseUrl: string | undefined, args: string[] = []): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-it-snippet-'));
  const file = path.join(dir, 'keccel-sms.mjs');
  fs.writeFileSync(file, text);
  const env = { PATH: process.env.PATH, KECCEL_TOKEN: token, ...(baseUrl === undefined ? {} : { KECCEL_BASE_URL: baseUrl }) };
  try {
    return await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [file, ...args], { env },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const copyAsCode = (arg: unknown) => vscode.commands.executeCommand<string | undefined>('keccel.message.copyAsCode', arg);

describe('Copy as Code', () => {
  let sim: KeccelSimulator;
  let record: HistoryRecord;

  before(async () => {
    sim = await startGateway();
    const sent = await sendSms('0812340101', TEXT);
    assert.ok(sent?.messageId, `not sent: ${JSON.stringify(sent)}`);
    record = sent;
  });
  after(() => stopGateway(sim));

  it('returns the snippet of every language without asking, and none holds the stored token', async () => {
    for (const language of ['curl', 'php', 'node', 'python']) {
      const text = await copyAsCode({ id: record.id, language });
      assert.ok(typeof text === 'string' && text.length > 0, `${language}: ${String(text)}`);
      assert.ok(!text.includes(TEST_TOKEN), `the ${language} snippet holds the token`);
      assert.match(text, /KECCEL_TOKEN/);
      assert.match(text, /message\.asp/);
      assert.ok(text.includes(`delivery.asp`), `${language}: no delivery check for a message with an ID`);
      assert.ok(text.includes(record.messageId!), `${language}: the message ID is missing`);
      assert.strictEqual(await vscode.env.clipboard.readText(), text, `${language}: not the clipboard's text`);
    }
  });

  it('finds the record by its gateway message ID and from the tree item', async () => {
    const byId = await copyAsCode({ id: record.id, language: 'python' });
    assert.strictEqual(await copyAsCode({ messageId: record.messageId, language: 'python' }), byId);
    assert.strictEqual(await copyAsCode({ record, language: 'python' }), byId);
  });

  it('refuses an unknown language and a message that is not in the history, resolving to undefined', async () => {
    assert.strictEqual(await copyAsCode({ id: record.id, language: 'cobol' }), undefined);
    assert.strictEqual(await copyAsCode({ id: 'no-such-record', language: 'curl' }), undefined);
  });

  it('the returned Node.js snippet sends exactly the same SMS once, with the token from the environment', async () => {
    const text = await copyAsCode({ id: record.id, language: 'node' });
    assert.ok(text);
    const before = sim.messages.length;
    const output = await runNode(text, TEST_TOKEN, sim.baseUrl);
    const arrived = sim.messages.slice(before);
    assert.strictEqual(arrived.length, 1);
    assert.deepStrictEqual([arrived[0].to, arrived[0].from, arrived[0].message], [record.to, record.from, record.message]);
    assert.match(output, new RegExp(`^Sent: message ID ${arrived[0].messageId}\\nDelivery of ${record.messageId}: \\w+\\nBalance: \\d+ SMS`));
  });

  it('from the palette it asks which message (newest first), then the language, and copies the snippet', async () => {
    let result: string | undefined | null = null;
    const running = Promise.resolve(copyAsCode(undefined)).then((text) => (result = text));
    // Two quick picks in a row: accept the highlighted (first) row of each as it appears; accepting with none open
    // does nothing. The bound is the test's timeout.
    while (result === null) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await Promise.race([running, sleep(250)]);
    }
    assert.strictEqual(result, await copyAsCode({ id: record.id, language: 'curl' }));
  });

  it('variant "check" gives a snippet that sends nothing: the delivery status and the balance', async () => {
    const text = await copyAsCode({ id: record.id, language: 'node', variant: 'check' });
    assert.ok(text);
    assert.match(text.split('\n')[0], /sends nothing/);
    assert.match((await copyAsCode({ id: record.id, language: 'node' }))!.split('\n')[0], /SENDS an SMS.*costs credit/);
    const before = sim.messages.length;
    const output = await runNode(text, TEST_TOKEN, sim.baseUrl);
    assert.strictEqual(sim.messages.length, before, 'the check snippet sent an SMS');
    assert.match(output, new RegExp(`^Delivery of ${record.messageId}: \\w+\\nBalance: \\d+ SMS`));
    assert.strictEqual(await copyAsCode({ id: record.id, language: 'node', variant: 'resend' }), undefined);
  });

  it('a sandbox message gives a snippet that runs against the sandbox with KECCEL_BASE_URL unset (never the live gateway)', async () => {
    const started = await vscode.commands.executeCommand<{ baseUrl: string; token: string }>('keccel.startSandbox');
    try {
      const sent = await sendSms('0812340102', TEXT);
      assert.ok(sent?.sandbox && sent.messageId, `not a sandbox send: ${JSON.stringify(sent)}`);
      const text = await copyAsCode({ id: sent.id, language: 'node' });
      assert.ok(text && /Keccel sandbox/.test(text), 'the snippet does not say it comes from the sandbox');
      assert.ok(!text.includes('api.keccel.com'), 'a sandbox snippet falls back to the live gateway');
      const output = await runNode(text, started.token ?? SANDBOX_TOKEN, undefined);
      assert.match(output, new RegExp(`^Sent: message ID \\S+\\nDelivery of ${sent.messageId}: \\w+\\nBalance: \\d+ SMS`));
    } finally {
      await vscode.commands.executeCommand('keccel.stopSandbox');
    }
  });

  it('an OTP row is copied as a generate.asp snippet whose code checks with validate.asp, in the context menu too', async () => {
    const started = await vscode.commands.executeCommand<{ baseUrl: string; token: string }>('keccel.startSandbox');
    try {
      const otp = await vscode.commands.executeCommand<HistoryRecord | undefined>('keccel.sendOtp', { to: '0812340103', message: 'Code : %OTP%' });
      const code = otp?.otp;
      assert.ok(otp && code, `no sandbox OTP: ${JSON.stringify(otp)}`);
      const text = await copyAsCode({ id: otp.id, language: 'node' });
      assert.ok(text && text.includes('generate.asp') && !text.includes('message.asp'), 'not an OTP snippet');
      // Run with the code: it checks it (against the sandbox, KECCEL_BASE_URL unset) and sends nothing.
      const output = await runNode(text, started.token, undefined, [code]);
      assert.match(output, new RegExp(`^Code ${code}: VALID\\n`));
      const row = (await (await keccelApi()).messageTreeRows()).find((r) => r.recordId === otp.id);
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { menus: Record<string, { command: string; when?: string }[]> };
      };
      const when = manifest.contributes.menus['view/item/context'].find((m) => m.command === 'keccel.message.copyAsCode')?.when ?? '';
      const pattern = /viewItem =~ \/(.+)\/$/.exec(when)?.[1];
      assert.ok(pattern && row && new RegExp(pattern).test(row.contextValue ?? ''), `an OTP row (${row?.contextValue}) has no Copy as Code`);
    } finally {
      await vscode.commands.executeCommand('keccel.stopSandbox');
    }
  });

  it('is in the Messages view\'s context menu and in the palette', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const item = manifest.contributes.menus['view/item/context'].find((m) => m.command === 'keccel.message.copyAsCode');
    assert.ok(item?.when?.includes('view == keccel.messages'), 'not in the tree context menu');
    const palette = manifest.contributes.menus.commandPalette.find((m) => m.command === 'keccel.message.copyAsCode');
    assert.ok(!palette || palette.when !== 'false', 'hidden from the palette');
  });
});
