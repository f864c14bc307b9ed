// Accounts and the production guard, with two gateways (two simulators, two tokens): the implicit `Keccel` on the
// first (the harness's gateway and token), `Acme` on the second. Everything is observed as a user or a script
// would: what each gateway received, the history, the status bar, the answers of the commands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { KeccelSimulator } from '../../../src/simulator';
import type { HistoryRecord } from '../../../src/core/types';
import { answerModals } from '../support/dialogs';
import { configure, INITIAL_BALANCE, keccelApi, refreshBalance, sendSms, startGateway, stopGateway, TEST_TOKEN, waitFor } from '../support/harness';

const ACME_TOKEN = 'it-acme-token-91d3e7';
const ACME_BALANCE = 120;

interface AccountAnswer {
  name: string;
  production: boolean;
}

function addAccount(arg: Record<string, unknown>): Thenable<{ name: string } | undefined> {
  return vscode.commands.executeCommand('keccel.addAccount', arg);
}

function switchAccount(name: string): Thenable<AccountAnswer | undefined> {
  return vscode.commands.executeCommand('keccel.switchAccount', { name });
}

function accountsSetting(): unknown {
  return vscode.workspace.getConfiguration('keccel').inspect('accounts')?.globalValue;
}

/** What a gateway received on `message.asp`: the token, sender and recipient of each send. */
function sends(sim: KeccelSimulator): { token?: string; from?: string; to?: string }[] {
  return sim.requests
    .filter((r) => r.method === 'POST' && /message\.asp$/i.test(r.path))
    .map((r) => JSON.parse(r.body) as { token?: string; from?: string; to?: string });
}

describe('accounts', () => {
  let keccel: KeccelSimulator;
  let acme: KeccelSimulator;

  before(async () => {
    keccel = await startGateway();
    acme = new KeccelSimulator({ port: 0, token: ACME_TOKEN, balance: ACME_BALANCE, deliveryDelayMs: 300 });
    await acme.start();
  });

  after(async () => {
    await switchAccount('Keccel');
    for (const name of ['Acme', 'Acme Live']) await vscode.commands.executeCommand('keccel.removeAccount', { name });
    await vscode.workspace.getConfiguration('keccel').update('account', undefined, vscode.ConfigurationTarget.Workspace);
    await configure({ accounts: undefined, confirmProductionSends: undefined });
    await stopGateway(keccel);
    await acme.stop();
  });

  it('a user with one account sees no change: the implicit Keccel, today\'s token and history', async () => {
    const api = await keccelApi();
    assert.deepStrictEqual(api.activeAccount(), { name: 'Keccel', production: false });
    assert.strictEqual((await refreshBalance())?.balance, INITIAL_BALANCE);
    assert.ok(!/Keccel ·/.test(api.balanceItem().text), `the status bar names the only account: "${api.balanceItem().text}"`);
  });

  it('a token the gateway rejects adds nothing; a token under 8 characters is refused before any request', async () => {
    assert.strictEqual(await addAccount({ name: 'Acme', token: 'not-acme-token', baseUrl: acme.baseUrl }), undefined);
    assert.strictEqual(accountsSetting(), undefined);
    const asked = acme.requests.length;
    assert.strictEqual(await addAccount({ name: 'Acme', token: 'short', baseUrl: acme.baseUrl }), undefined);
    assert.strictEqual(acme.requests.length, asked, 'a 5-character token was sent to the gateway');
    assert.strictEqual(accountsSetting(), undefined);
  });

  it('adds an account after checking its token; Keccel joins the list with its token and history', async () => {
    const keccelHistory = await (await keccelApi()).historyFile();
    assert.deepStrictEqual(await addAccount({ name: 'Acme', token: ACME_TOKEN, baseUrl: acme.baseUrl, sender: 'ACME' }), { name: 'Acme' });
    assert.deepStrictEqual(accountsSetting(), [{ name: 'Keccel' }, { name: 'Acme', baseUrl: acme.baseUrl, sender: 'ACME' }]);
    // Still Keccel in this window, with the same history file and token.
    assert.deepStrictEqual((await keccelApi()).activeAccount(), { name: 'Keccel', production: false });
    assert.strictEqual(await (await keccelApi()).historyFile(), keccelHistory);
    assert.strictEqual((await refreshBalance())?.balance, INITIAL_BALANCE);
  });

  it('each send goes to its account\'s gateway with its token and sender; histories stay apart; the balance follows', async () => {
    const api = await keccelApi();
    const before = { keccel: sends(keccel).length, acme: sends(acme).length };
    const fromKeccel = await sendSms('0812000101', 'from Keccel');
    assert.strictEqual(fromKeccel?.sendStatus, 'sent');
    assert.strictEqual(fromKeccel?.account, 'Keccel');

    assert.deepStrictEqual(await switchAccount('Acme'), { name: 'Acme', production: false });
    assert.strictEqual((await refreshBalance())?.balance, ACME_BALANCE);
    await waitFor('the status bar to name Acme', () => /Acme/.test(api.balanceItem().text));
    const fromAcme = await sendSms('0812000102', 'from Acme');
    assert.strictEqual(fromAcme?.sendStatus, 'sent');
    assert.strictEqual(fromAcme?.account, 'Acme');

    assert.deepStrictEqual(sends(keccel).slice(before.keccel).map((s) => [s.token, s.from, s.to]), [[TEST_TOKEN, 'GUEST', '243812000101']]);
    assert.deepStrictEqual(sends(acme).slice(before.acme).map((s) => [s.token, s.from, s.to]), [[ACME_TOKEN, 'ACME', '243812000102']]);

    const acmeIds = (await api.history()).map((r: HistoryRecord) => r.id);
    assert.ok(acmeIds.includes(fromAcme.id) && !acmeIds.includes(fromKeccel.id), 'Acme\'s history holds a Keccel message');
    await switchAccount('Keccel');
    const keccelIds = (await api.history()).map((r: HistoryRecord) => r.id);
    assert.ok(keccelIds.includes(fromKeccel.id) && !keccelIds.includes(fromAcme.id), 'Keccel\'s history holds an Acme message');
    assert.strictEqual((await refreshBalance())?.balance, INITIAL_BALANCE - 1);
  });

  it('Copy as Code of an account\'s message falls back to that account\'s gateway, not keccel.apiBaseUrl', async () => {
    await switchAccount('Acme');
    try {
      const sent = await sendSms('0812000103', 'snippet from Acme');
      assert.strictEqual(sent?.account, 'Acme');
      const text = await vscode.commands.executeCommand<string | undefined>('keccel.message.copyAsCode', { id: sent!.id, language: 'node', variant: 'check' });
      assert.ok(text?.includes(acme.baseUrl), `the snippet does not fall back to Acme's gateway ${acme.baseUrl}:\n${text}`);
      assert.ok(!text!.includes(keccel.baseUrl), `the snippet falls back to keccel.apiBaseUrl (${keccel.baseUrl}), another account's gateway`);
    } finally {
      await switchAccount('Keccel');
    }
  });

  it('a message still pending on an account that is no longer active keeps being followed', async () => {
    const api = await keccelApi();
    await switchAccount('Acme');
    acme.setDeliveryDelayMs(3000);
    try {
      const record = await sendSms('0812000105', 'followed while away');
      assert.strictEqual(record?.deliveryStatus, 'pending');
      await switchAccount('Keccel');
      // Acme's history file, read as another process would: its record is marked delivered while Keccel is active.
      const dir = path.dirname(await api.historyFile());
      await waitFor('Acme\'s message to be delivered while Keccel is active', () =>
        fs.readdirSync(dir)
          .filter((name) => /^history-.+\.jsonl$/.test(name))
          .some((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').some((line) => line.includes(record.id) && line.includes('"delivered"'))),
      );
      assert.deepStrictEqual(api.activeAccount(), { name: 'Keccel', production: false });
    } finally {
      acme.setDeliveryDelayMs(300);
    }
  });

  it('a production send waits for its confirmation with confirmBeforeSend off; Enter and Escape do not send', async () => {
    await configure({ confirmBeforeSend: false });
    assert.deepStrictEqual(await addAccount({ name: 'Acme Live', token: ACME_TOKEN, baseUrl: acme.baseUrl, production: true }), { name: 'Acme Live' });
    assert.deepStrictEqual(await switchAccount('Acme Live'), { name: 'Acme Live', production: true });
    const api = await keccelApi();
    await waitFor('the red status bar naming Acme Live', () =>
      api.balanceItem().backgroundColor === 'statusBarItem.errorBackground' && api.balanceItem().text.includes('Acme Live'));

    let answer!: (title: string | undefined) => void;
    const dialogs = answerModals(() => new Promise((resolve) => (answer = resolve)));
    try {
      const posts = sends(acme).length;
      const sending = sendSms('0812000103', 'paid');
      await waitFor('the production confirmation', () => dialogs.asked.length === 1);
      const question = dialogs.asked[0];
      assert.match(question.message, /Acme Live/);
      // Enter gives the first button that is not the close one: it must not send. Escape gives the close one.
      assert.strictEqual(question.buttons[0], "Don't Send");
      assert.ok(question.closeButton !== 'Send');
      assert.strictEqual(sends(acme).length, posts, 'the SMS left before the confirmation');
      answer(question.buttons[0]);
      assert.strictEqual(await sending, undefined);
      assert.strictEqual(sends(acme).length, posts);

      const again = sendSms('0812000103', 'paid');
      await waitFor('the second confirmation', () => dialogs.asked.length === 2);
      answer(undefined);
      assert.strictEqual(await again, undefined, 'Escape sent the SMS');

      const third = sendSms('0812000103', 'paid');
      await waitFor('the third confirmation', () => dialogs.asked.length === 3);
      answer('Send');
      const record = await third;
      assert.strictEqual(record?.sendStatus, 'sent');
      assert.strictEqual(record?.account, 'Acme Live');
      assert.strictEqual(sends(acme).length, posts + 1);
    } finally {
      dialogs.dispose();
      await switchAccount('Keccel');
    }
  });

  it('a workspace naming an account switches the window; a production one only after asking once', async () => {
    const api = await keccelApi();
    await vscode.workspace.getConfiguration('keccel').update('account', 'Acme', vscode.ConfigurationTarget.Workspace);
    await waitFor('the window to use Acme', () => api.activeAccount()?.name === 'Acme');
    assert.strictEqual((await refreshBalance())?.balance, await balanceOf(acme, ACME_TOKEN));

    const dialogs = answerModals(() => undefined);
    try {
      await vscode.workspace.getConfiguration('keccel').update('account', 'Acme Live', vscode.ConfigurationTarget.Workspace);
      await waitFor('the question about Acme Live', () => dialogs.asked.length === 1);
      assert.match(dialogs.asked[0].message, /Acme Live/);
      // Refused: the window keeps a test account.
      await waitFor('the refusal to apply', () => api.activeAccount()?.production === false);
    } finally {
      dialogs.dispose();
      await vscode.workspace.getConfiguration('keccel').update('account', undefined, vscode.ConfigurationTarget.Workspace);
      await switchAccount('Keccel');
    }
  });

  it('looks up another app\'s message by its ID; an unknown ID records nothing', async () => {
    const api = await keccelApi();
    await switchAccount('Acme');
    const res = await fetch(`${acme.baseUrl}/message.asp`, { method: 'POST', body: JSON.stringify({ token: ACME_TOKEN, to: '243812000104', from: 'MYAPP', message: 'app' }) });
    const { messageID } = (await res.json()) as { messageID: string };
    const record = await vscode.commands.executeCommand<HistoryRecord | undefined>('keccel.lookupMessage', { messageId: messageID });
    assert.strictEqual(record?.origin, 'lookup');
    assert.strictEqual(record?.account, 'Acme');
    assert.strictEqual(record?.to, '');
    assert.strictEqual(record?.message, undefined);
    await waitFor('the looked-up message to be delivered', async () => (await api.history()).find((r) => r.id === record.id)?.deliveryStatus === 'delivered');
    const size = (await api.history()).length;
    assert.strictEqual(await vscode.commands.executeCommand('keccel.lookupMessage', { messageId: '999999999' }), undefined);
    assert.strictEqual((await api.history()).length, size);
    await switchAccount('Keccel');
  });

  it('Diagnose Connection checks the active account\'s gateway with its token, and says which setting chose it', async () => {
    await switchAccount('Acme');
    try {
      const asked = acme.requests.length;
      const answer = await vscode.commands.executeCommand<{ ok: boolean; steps: { id: string; ok: boolean; detail: string }[] }>('keccel.diagnoseConnection');
      assert.ok(answer, 'no answer');
      // Acme's gateway accepts only Acme's token: the token step passes only if that token went there.
      assert.strictEqual(answer.steps.find((s) => s.id === 'token')?.ok, true, JSON.stringify(answer, null, 1));
      assert.ok(acme.requests.length > asked, 'Acme\'s gateway was not asked');
      assert.match(answer.steps[0].detail, /account "Acme"/);
      assert.ok(!JSON.stringify(answer).includes(ACME_TOKEN));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await switchAccount('Keccel');
    }
  });

  it('no token in any setting, log, export, webview or stored state (the whole profile folder is scanned)', async () => {
    const api = await keccelApi();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-accounts-'));
    try {
      for (const name of ['Keccel', 'Acme']) {
        await switchAccount(name);
        await vscode.commands.executeCommand('keccel.exportHistory', { path: path.join(dir, `${name}.json`), format: 'json' });
        await vscode.commands.executeCommand('keccel.exportHistory', { path: path.join(dir, `${name}.csv`), format: 'csv' });
      }
      const record = (await api.history())[0];
      if (record) await vscode.commands.executeCommand('keccel.message.showDetails', { id: record.id });
      const page = api.detailsPage();
      const texts = [api.recentLog().join('\n'), JSON.stringify(page ?? {}), api.storedState(), ...fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))];
      for (const token of [TEST_TOKEN, ACME_TOKEN]) {
        for (const text of texts) assert.ok(!text.includes(token), 'a token is in a log, an export, a webview or the stored state');
      }
      // The profile folder: settings, globalStorage (histories, state), workspaceStorage, logs.
      const profile = path.resolve(path.dirname(await api.historyFile()), '..', '..', '..');
      const leaks = scan(profile, [TEST_TOKEN, ACME_TOKEN]);
      assert.deepStrictEqual(leaks, [], `a token is written in ${leaks.join(', ')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The balance a gateway holds for a token, asked directly. */
async function balanceOf(sim: KeccelSimulator, token: string): Promise<number> {
  const res = await fetch(`${sim.baseUrl}/balance.asp?token=${encodeURIComponent(token)}&from=GUEST`);
  return Number(((await res.json()) as { balance: string }).balance);
}

/** Files under `dir` (up to 20 MB each) that contain one of `needles`. */
function scan(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        try {
          if (fs.statSync(full).size > 20_000_000) continue;
          const bytes = fs.readFileSync(full);
          if (needles.some((needle) => bytes.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le')))) found.push(full);
        } catch {
          // A file that went away or is locked: nothing to read.
        }
      }
    }
  };
  walk(dir);
  return found;
}
