// keccel.sendOtp / keccel.validateOtp (README, "Send and check one-time codes (OTP)"). In the sandbox: the command
// returns the record of the attempt, the code the simulator drew is in the sandbox history (and in the tree row) for
// the developer to read, and the code is valid once. Live: the OTP endpoints beside the configured /sms/v2, no code
// in the record (the gateway never tells it), and a lost answer recorded as unknown after a single request.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../../src/core/types';
import type { KeccelSimulator } from '../../../src/simulator';
import { configure, keccelApi, recordById, startGateway, stopGateway, waitFor } from '../support/harness';

interface OtpCheck {
  valid: boolean;
  status: string;
}

const sendOtp = (arg: Record<string, unknown>) => vscode.commands.executeCommand<HistoryRecord | undefined>('keccel.sendOtp', arg);
const validateOtp = (arg: Record<string, unknown>) => vscode.commands.executeCommand<OtpCheck | undefined>('keccel.validateOtp', arg);

describe('OTP', () => {
  describe('in the sandbox', () => {
    before(async () => {
      await configure({ confirmBeforeSend: false, requestTimeoutSeconds: 3 });
      await vscode.commands.executeCommand('keccel.startSandbox');
    });
    after(async () => {
      await vscode.commands.executeCommand('keccel.stopSandbox');
    });

    it('keccel.sendOtp returns the record; the code is in the sandbox history and the row; it is valid once', async () => {
      const record = await sendOtp({ to: '0812345678' });
      assert.ok(record, 'keccel.sendOtp returned nothing');
      assert.strictEqual(record.kind, 'otp');
      assert.strictEqual(record.sendStatus, 'sent', record.description);
      assert.strictEqual(record.sandbox, true);
      assert.strictEqual(record.to, '243812345678');
      assert.strictEqual(record.message, 'Votre code de vérification est %OTP%', 'the default French template');
      assert.strictEqual(record.segments, 1);
      assert.match(record.otp ?? '', /^\d{6}$/, 'the sandbox record carries the 6-digit code');

      const api = await keccelApi();
      const stored = await recordById(record.id);
      assert.strictEqual(stored?.otp, record.otp, 'the code is not in the sandbox history');
      const row = (await api.messageTreeRows()).find((r) => r.recordId === record.id);
      assert.ok(row?.description?.includes(`OTP ${record.otp}`), `the row does not show the code: ${row?.description}`);
      assert.ok(row?.tooltip.includes(`Votre code de vérification est ${record.otp}`), row?.tooltip);
      assert.ok(!/hasText/.test(row?.contextValue ?? ''), 'an OTP row offers Resend');
      const snippet = await vscode.commands.executeCommand<string | undefined>('keccel.message.copyAsCode', { id: record.id, language: 'curl' });
      assert.ok(snippet?.includes('generate.asp') && snippet.includes('validate.asp'), 'Copy as Code gave no OTP snippet');
      assert.ok(!snippet?.includes('message.asp'), 'Copy as Code wrote a message.asp snippet for an OTP (its text would read %OTP%)');

      assert.deepStrictEqual(await validateOtp({ to: '+243 81 234 5678', otp: record.otp }), { valid: true, status: 'VALID' });
      assert.deepStrictEqual(await validateOtp({ to: '0812345678', otp: record.otp }), { valid: false, status: 'INVALID' });
    });

    it('takes the length, lifetime and template it is given, and refuses a template without %OTP% before sending', async () => {
      const api = await keccelApi();
      const record = await sendOtp({ to: '0991234567', message: 'Code Kinshasa Shop : %OTP%', length: 8, lifetime: 60 });
      assert.ok(record);
      assert.match(record.otp ?? '', /^\d{8}$/);
      const count = (await api.history()).length;
      assert.strictEqual(await sendOtp({ to: '0991234567', message: 'Votre code est prêt' }), undefined);
      assert.strictEqual(await sendOtp({ to: '0991234567', length: 3 }), undefined);
      assert.strictEqual((await api.history()).length, count, 'a refused OTP left a record');
    });
  });

  describe('live', () => {
    let sim: KeccelSimulator;
    before(async () => { sim = await startGateway(); });
    after(async () => { await stopGateway(sim); });
    const generates = () => sim.requests.filter((r) => r.path.toLowerCase() === '/otp/generate.asp').length;

    it('goes to /otp beside /sms/v2, keeps no code, and checks the code the phone got', async () => {
      const record = await sendOtp({ to: '0823456789', length: 4 });
      assert.ok(record);
      assert.deepStrictEqual([record.kind, record.sendStatus, record.sandbox, record.otp], ['otp', 'sent', false, undefined]);
      assert.strictEqual(generates(), 1);
      const code = sim.currentOtp('243823456789')?.code;
      assert.ok(code, 'the test gateway drew no code');
      assert.deepStrictEqual(await validateOtp({ to: '0823456789', otp: '0000' === code ? '1111' : '0000' }), { valid: false, status: 'INVALID' });
      assert.deepStrictEqual(await validateOtp({ to: '0823456789', otp: code }), { valid: true, status: 'VALID' });
    });

    it('writes the attempt to the history before the request leaves, then the outcome (a timeout: unknown)', async function () {
      this.timeout(20_000);
      const api = await keccelApi();
      const known = new Set((await api.history()).map((r) => r.id));
      let settled = false;
      const sending = Promise.resolve(sendOtp({ to: '243810000004' })).finally(() => (settled = true));
      const ahead = await waitFor('the write-ahead record', async () =>
        (await api.history()).find((r) => !known.has(r.id) && r.kind === 'otp' && r.to === '243810000004'));
      assert.strictEqual(settled, false, 'the record appeared only after the command resolved');
      assert.strictEqual(ahead.sendStatus, 'unknown');
      assert.strictEqual(ahead.inFlight, true, 'the attempt is not marked in flight');
      assert.match(ahead.description, /^Sending/);
      const record = await sending;
      assert.ok(record);
      assert.strictEqual(record.id, ahead.id, 'the outcome went to another record');
      assert.strictEqual(record.sendStatus, 'unknown');
      assert.strictEqual(record.inFlight, undefined, 'the completed attempt is still marked in flight');
      assert.match(record.description, /No answer from Keccel within 3 s/);
      assert.strictEqual((await recordById(record.id))?.description, record.description);
    });

    it('records a generate whose connection was reset as unknown, after one request only', async () => {
      const before = generates();
      const record = await sendOtp({ to: '243810000005' });
      assert.ok(record);
      assert.strictEqual(record.sendStatus, 'unknown');
      assert.strictEqual(generates(), before + 1, 'the generate was retried');
      assert.strictEqual((await recordById(record.id))?.sendStatus, 'unknown');
    });
  });
});
