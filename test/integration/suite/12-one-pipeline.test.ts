// An SMS and a one-time code are both paid sends and go through one pipeline (src/core/send/): their records tell
// the same story for the same outcome, the text is composed (NFC) the same way, and a history that cannot be
// written after the gateway answered is said in a notification for both.
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../../src/core/types';
import type { KeccelSimulator } from '../../../src/simulator';
import { captureNotifications } from '../support/notifications';
import { configure, keccelApi, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

const sendOtp = (arg: Record<string, unknown>) => vscode.commands.executeCommand<HistoryRecord | undefined>('keccel.sendOtp', arg);

/** What a user reads of a record's story: each state in order, without times. */
const story = (record: HistoryRecord | undefined) => (record?.events ?? []).map((e) => e.status);

describe('One pipeline for every paid send', () => {
  describe('in the sandbox', () => {
    before(async () => {
      await configure({ confirmBeforeSend: false, requestTimeoutSeconds: 3 });
      await vscode.commands.executeCommand('keccel.startSandbox');
    });
    after(async () => {
      await vscode.commands.executeCommand('keccel.stopSandbox');
    });

    it('an accepted code and an accepted SMS tell the same story (followed to delivery)', async () => {
      const sms = await sendSms('0812340201', 'Bonjour');
      const otp = await sendOtp({ to: '0812340202' });
      assert.ok(sms && otp);
      assert.deepStrictEqual([sms.sendStatus, sms.deliveryStatus], ['sent', 'pending']);
      assert.deepStrictEqual([otp.sendStatus, otp.deliveryStatus], ['sent', 'pending']);
      assert.deepStrictEqual(story(sms), ['pending']);
      assert.deepStrictEqual(story(otp), story(sms), 'the code\'s record tells another story than the SMS\'s');
    });

    it('a rejected code and a rejected SMS tell the same story', async () => {
      const sms = await sendSms('243810000002', 'Bonjour');
      const otp = await sendOtp({ to: '243810000002' });
      assert.ok(sms && otp);
      assert.deepStrictEqual(story(sms), ['rejected']);
      assert.deepStrictEqual(story(otp), story(sms));
    });

    it('composes the code\'s template (NFC) as it does an SMS text: e + U+0301 is the GSM-7 é', async () => {
      const decomposed = 'Votre code de ve\u0301rification est %OTP%';
      const otp = await sendOtp({ to: '0812340203', message: decomposed });
      assert.ok(otp);
      assert.strictEqual(otp.message, decomposed.normalize('NFC'));
      assert.deepStrictEqual([otp.encoding, otp.segments], ['GSM-7', 1]);
    });
  });

  describe('live', () => {
    let sim: KeccelSimulator;
    before(async () => { sim = await startGateway(); });
    after(async () => { await stopGateway(sim); });

    it('a code accepted without a message ID says why it is not followed, as an SMS does', async () => {
      const otp = await sendOtp({ to: '0823450204' });
      assert.ok(otp);
      assert.deepStrictEqual([otp.sendStatus, otp.messageId, otp.deliveryStatus], ['sent', undefined, undefined]);
      assert.match(otp.untrackedReason ?? '', /no message ID/);
      assert.deepStrictEqual(story(otp), ['sent']);
    });

    it('a code whose answer was lost tells the same story as such an SMS', async () => {
      const sms = await sendSms('243810000005', 'Bonjour');
      const otp = await sendOtp({ to: '243810000005' });
      assert.ok(sms && otp);
      assert.deepStrictEqual(story(sms), ['unknown']);
      assert.deepStrictEqual(story(otp), story(sms));
    });

    it('says in a notification when the outcome of a code could not be saved, as for an SMS', async function () {
      // The slow answer (3 s), then a writer that waits for the lock (15 s) before it gives up.
      this.timeout(40_000);
      const api = await keccelApi();
      const file = await api.historyFile();
      const lock = `${file}.lock`;
      const known = new Set((await api.history()).map((r) => r.id));
      const notices = captureNotifications();
      const sending = Promise.resolve(sendOtp({ to: '243810000004' }));
      try {
        await waitFor('the code\'s attempt in the history', async () =>
          (await api.history()).find((r) => !known.has(r.id) && r.to === '243810000004' && r.inFlight === true));
        // While the answer is out, another live window (this process) holds the history's lock and keeps it fresh
        // (a time in the future): the outcome cannot be written.
        await fs.writeFile(lock, `${process.pid} ${os.hostname()}\n`);
        const later = new Date(Date.now() + 120_000);
        await fs.utimes(lock, later, later);
        const otp = await sending;
        assert.ok(otp);
        assert.ok(
          notices.texts.some((t) => /could not be saved in the history/.test(t)),
          `no notification said the outcome was not saved: ${JSON.stringify(notices.texts)}`,
        );
      } finally {
        notices.dispose();
        await fs.rm(lock, { force: true });
      }
    });
  });

  describe('the confirmed target', () => {
    let sim: KeccelSimulator;
    before(async () => {
      sim = await startGateway();
      await vscode.commands.executeCommand('keccel.startSandbox');
    });
    after(async () => {
      await vscode.commands.executeCommand('keccel.stopSandbox');
      await stopGateway(sim);
    });

    it('a sandbox message confirmed for Send Again is not sent live when the sandbox stops while the dialog is open', async () => {
      const first = await sendSms('0812340205', 'Bonjour');
      assert.ok(first?.sandbox, 'not a sandbox send');
      const livePosts = () => sim.requests.filter((r) => r.method === 'POST').length;
      const before = livePosts();
      const notices = captureNotifications();
      const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
      const shown = window.showWarningMessage;
      // The user answers the dialog, but the sandbox has stopped by then (another command, another window's click).
      window.showWarningMessage = async (...args: unknown[]) => {
        if (!/^Send this message again/.test(String(args[0]))) return shown.apply(vscode.window, args);
        await vscode.commands.executeCommand('keccel.stopSandbox');
        return 'Send Again';
      };
      try {
        const again = await vscode.commands.executeCommand<HistoryRecord | undefined>('keccel.message.resend', { id: first.id });
        assert.strictEqual(again, undefined, `something was sent: ${JSON.stringify(again)}`);
        assert.strictEqual(livePosts(), before, 'the message confirmed for the sandbox went to the live gateway');
        assert.ok(notices.texts.some((t) => /^Nothing was sent: it was confirmed for Sandbox/.test(t)), JSON.stringify(notices.texts));
      } finally {
        window.showWarningMessage = shown;
        notices.dispose();
      }
    });
  });
});
