// Accounts as a user meets them in the UI: the Add Account steps, the switch quick pick with each account's credit
// and expiry, the once-a-day balance warnings of an account that is not the active one, a delivery notification
// that names its account, Diagnose Connection's advice naming the account's base URL, and hostile account names
// shown as plain text everywhere. Input boxes whose value a test cannot type are answered by the quick-input stub
// (support/quickInputs.ts); the sender step and the quick picks are VS Code's own.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { KeccelSimulator } from '../../../src/simulator';
import { answerModals, answerNotifications } from '../support/dialogs';
import { captureNotifications, NOTIFICATION_LINK } from '../support/notifications';
import { answerInputBoxes, watchQuickInputs } from '../support/quickInputs';
import { configure, keccelApi, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

const UI_TOKEN = 'it-ui-token-7c3d2a90';
const UI_BALANCE = 30;

function addAccount(arg: Record<string, unknown>): Thenable<{ name: string } | undefined> {
  return vscode.commands.executeCommand('keccel.addAccount', arg);
}

function switchAccount(name: string): Thenable<unknown> {
  return vscode.commands.executeCommand('keccel.switchAccount', { name });
}

function accountEntries(): Record<string, unknown>[] {
  return vscode.workspace.getConfiguration('keccel').inspect<Record<string, unknown>[]>('accounts')?.globalValue ?? [];
}

/** A `$(name)` VS Code would draw as an icon in a status bar text or a quick pick label (not `\$(name)`). */
const DRAWN_ICON = /(?<!\\)\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;

describe('accounts: UI', () => {
  let keccel: KeccelSimulator;
  let ui: KeccelSimulator;
  const added: string[] = [];

  before(async () => {
    keccel = await startGateway();
    ui = new KeccelSimulator({ port: 0, token: UI_TOKEN, balance: UI_BALANCE, deliveryDelayMs: 300 });
    await ui.start();
  });

  after(async () => {
    await switchAccount('Keccel');
    for (const name of added) await vscode.commands.executeCommand('keccel.removeAccount', { name, deleteHistory: true });
    await configure({ accounts: undefined, 'balance.lowCreditThreshold': undefined, 'balance.expiryWarningDays': undefined });
    await stopGateway(keccel);
    await ui.stop();
  });

  it('Add Account from the palette: name, token, production, sender; bad answers are refused where they are typed', async () => {
    assert.deepStrictEqual(await addAccount({ name: 'Client', token: UI_TOKEN, baseUrl: ui.baseUrl }), { name: 'Client' });
    added.push('Client');
    const inputs = answerInputBoxes((box) => {
      if (/\(1\/4\)/.test(box.title ?? '')) return box.attempts === 0 ? 'client' : 'Client Live';
      if (/\(2\/4\)/.test(box.title ?? '')) return box.attempts === 0 ? 'short' : UI_TOKEN;
      return undefined;
    });
    const picks = watchQuickInputs();
    // The new account's gateway is the live one, out of reach here: the UI offers "Save Without Checking".
    const dialogs = answerModals((q) => (q.buttons.includes('Save Without Checking') ? 'Save Without Checking' : undefined));
    try {
      const adding = Promise.resolve(vscode.commands.executeCommand<{ name: string } | undefined>('keccel.addAccount'));
      // Step 3: VS Code's own quick pick; the second row is the production one.
      const kind = await waitFor('the production step', () => picks.quickPicks.find((p) => /\(3\/4\)/.test(p.title ?? '')));
      assert.match(kind.placeholder ?? '', /Client Live/);
      assert.deepStrictEqual(kind.items.map((i) => i.label.replace(/^\$\([a-z-]+\) /, '')), ['Test account', 'Production account']);
      await picks.choose(kind, 1);
      // Step 4: VS Code's own input box, typed into and accepted as a user would.
      const sender = await waitFor('the sender step', () => picks.inputBoxes.find((b) => /\(4\/4\)/.test(b.title ?? '')));
      sender.value = 'CLIENT';
      await waitFor('the sender step to be accepted', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return dialogs.asked.length > 0 || (await Promise.race([adding.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 250))]));
      });
      assert.deepStrictEqual(await adding, { name: 'Client Live' });
      added.push('Client Live');
    } finally {
      inputs.dispose();
      picks.dispose();
      dialogs.dispose();
    }
    // Each refusal was said in the box, and the box stayed for a corrected answer.
    const name = inputs.asked.find((b) => /\(1\/4\)/.test(b.title ?? ''));
    assert.deepStrictEqual(name?.refusals, ['There is already an account named "client".']);
    const token = inputs.asked.find((b) => /\(2\/4\)/.test(b.title ?? ''));
    assert.strictEqual(token?.password, true, 'the token is typed in clear');
    assert.strictEqual(token?.refusals.length, 1);
    assert.match(token.refusals[0], /8/);
    assert.deepStrictEqual(accountEntries().find((e) => e.name === 'Client Live'), { name: 'Client Live', production: true, sender: 'CLIENT' });
  });

  it('Add Account from the palette offers to switch to the new account; a script\'s add does not switch', async () => {
    const api = await keccelApi();
    const active = () => api.activeAccount()?.name;
    const before = active();
    const scripted = captureNotifications();
    try {
      assert.deepStrictEqual(await addAccount({ name: 'Scripted', token: UI_TOKEN, baseUrl: ui.baseUrl }), { name: 'Scripted' });
      added.push('Scripted');
    } finally {
      scripted.dispose();
    }
    const told = scripted.shown.find((n) => n.message.startsWith('Account "Scripted" added'));
    assert.deepStrictEqual(told?.buttons, [], 'a script\'s add asks nothing');
    assert.strictEqual(active(), before);

    const inputs = answerInputBoxes((box) => {
      if (/\(1\/4\)/.test(box.title ?? '')) return 'Palette Added';
      if (/\(2\/4\)/.test(box.title ?? '')) return UI_TOKEN;
      return undefined;
    });
    const picks = watchQuickInputs();
    const dialogs = answerModals((q) => (q.buttons.includes('Save Without Checking') ? 'Save Without Checking' : undefined));
    const clicks = answerNotifications((message, buttons) => (message.startsWith('Account "Palette Added" added') ? buttons[0] : undefined));
    try {
      const adding = Promise.resolve(vscode.commands.executeCommand<{ name: string } | undefined>('keccel.addAccount'));
      await picks.choose(await waitFor('the production step', () => picks.quickPicks.find((p) => /\(3\/4\)/.test(p.title ?? ''))), 0);
      await waitFor('the sender step', () => picks.inputBoxes.find((b) => /\(4\/4\)/.test(b.title ?? '')));
      await waitFor('the sender step to be accepted', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return dialogs.asked.length > 0 || (await Promise.race([adding.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 250))]));
      });
      assert.deepStrictEqual(await adding, { name: 'Palette Added' });
      added.push('Palette Added');
      const offer = await waitFor('the notification that the account was added', () =>
        clicks.asked.find((n) => n.message.startsWith('Account "Palette Added" added')));
      assert.deepStrictEqual(offer.buttons, ['Switch to It']);
      await waitFor('the new account to be the active one', () => active() === 'Palette Added');
    } finally {
      inputs.dispose();
      picks.dispose();
      dialogs.dispose();
      clicks.dispose();
      await switchAccount(before ?? 'Keccel');
    }
  });

  it('the composer\'s page names the production account in its badge, and the account in use among several', async () => {
    const api = await keccelApi();
    try {
      await switchAccount('Client Live');
      await vscode.commands.executeCommand('keccel.openComposer');
      await waitFor('the composer page to name the production account', () => {
        const account = api.composerState()?.account;
        return account?.name === 'Client Live' && account.production;
      });
      await switchAccount('Client');
      await waitFor('the composer page to name Client, not as production', () => {
        const account = api.composerState()?.account;
        return account?.name === 'Client' && !account.production;
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await switchAccount('Keccel');
    }
  });

  it('the switch quick pick shows each account\'s credit and expiry', async () => {
    ui.setExpiration(new Date('2031-05-14T12:00:00Z'));
    const picks = watchQuickInputs();
    try {
      const switching = Promise.resolve(vscode.commands.executeCommand('keccel.switchAccount'));
      const pick = await waitFor('the switch quick pick', () => picks.quickPicks.find((p) => /Switch/.test(p.title ?? '')));
      const rows = await waitFor('every account\'s balance in the quick pick', () => {
        const items = pick.items;
        const row = (name: string) => items.find((i) => i.label.endsWith(` ${name}`));
        return /^\d+ SMS · \d+ \w+$/.test(row('Keccel')?.detail ?? '') && /^30 SMS · 14 May$/.test(row('Client')?.detail ?? '') ? items : undefined;
      }).catch((error: Error) => assert.fail(`${error.message}: ${JSON.stringify(pick.items)}`));
      assert.ok(rows.some((i) => i.label.endsWith(' Client Live') && i.description === 'production'), JSON.stringify(rows));
      pick.hide();
      assert.strictEqual(await switching, undefined);
    } finally {
      picks.dispose();
    }
  });

  it('warns low credit and near expiry of an account that is not the active one, once a day', async () => {
    await configure({ 'balance.lowCreditThreshold': 100, 'balance.expiryWarningDays': 7 });
    ui.setExpiration(new Date(Date.now() + 3 * 86_400_000));
    const notes = captureNotifications();
    // An account of its own: Client's balance was already warned today (when the earlier tests read it).
    assert.deepStrictEqual(await addAccount({ name: 'Warned', token: UI_TOKEN, baseUrl: ui.baseUrl }), { name: 'Warned' });
    added.push('Warned');
    const realNow = Date.now;
    try {
      const refresh = () => vscode.commands.executeCommand('keccel.account.refresh', { name: 'Warned' });
      const warnings = () => notes.shown.filter((n) => n.message.startsWith('Keccel account "Warned"'));
      await refresh();
      await waitFor('the two warnings about Warned', () => warnings().length === 2)
        .catch(async (error: Error) => assert.fail(`${error.message}: ${JSON.stringify(notes.shown)}\n${(await keccelApi()).recentLog().slice(-15).join('\n')}`));
      assert.ok(warnings().some((n) => /30 SMS left/.test(n.message)), JSON.stringify(warnings()));
      assert.ok(warnings().some((n) => /expire/.test(n.message)), JSON.stringify(warnings()));
      // The same day: the balance is asked again, nothing more is said.
      const asked = ui.requests.length;
      await refresh();
      assert.ok(ui.requests.length > asked, 'the second check did not ask the gateway');
      assert.strictEqual(warnings().length, 2, 'warned twice the same day');
      // The next day (this machine's clock, which the warnings read, one day and a minute later): warned again.
      const offset = 86_400_000 + 60_000;
      Date.now = () => realNow() + offset;
      await refresh();
      await waitFor('the warnings of the next day', () => warnings().length === 4);
    } finally {
      Date.now = realNow;
      notes.dispose();
      await configure({ 'balance.lowCreditThreshold': undefined, 'balance.expiryWarningDays': undefined });
      ui.setExpiration(null);
    }
  });

  it('a delivery notification about a message of an account that is no longer active names that account', async () => {
    await configure({ 'delivery.notifyOnFinal': true });
    const notes = captureNotifications();
    ui.setDeliveryDelayMs(2500);
    try {
      await switchAccount('Client');
      const record = await sendSms('0812000401', 'from Client');
      assert.strictEqual(record?.deliveryStatus, 'pending');
      await switchAccount('Keccel');
      const shown = await waitFor('the delivery notification', () => notes.shown.find((n) => /deliver/i.test(n.message) && n.message.includes('Client')));
      assert.match(shown.message, /^Client: /);
    } finally {
      ui.setDeliveryDelayMs(300);
      notes.dispose();
      await configure({ 'delivery.notifyOnFinal': undefined });
    }
  });

  it('Diagnose Connection\'s advice names the account whose base URL is wrong, not keccel.apiBaseUrl', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wrong/v2`;
    try {
      await configure({ accounts: [...accountEntries(), { name: 'Wrong Path', baseUrl }] });
      added.push('Wrong Path');
      await waitFor('the account Wrong Path', async () => (await switchAccount('Wrong Path')) !== undefined);
      const answer = await vscode.commands.executeCommand<{ steps: { id: string; ok: boolean; detail: string; advice?: string }[] }>('keccel.diagnoseConnection');
      const url = answer?.steps.find((s) => s.id === 'url');
      assert.match(url?.detail ?? '', /account "Wrong Path"/);
      const failed = answer?.steps.find((s) => !s.ok);
      assert.strictEqual(failed?.id, 'http', JSON.stringify(answer));
      assert.match(failed.advice ?? '', /"baseUrl" of the account "Wrong Path" in keccel\.accounts/);
      assert.doesNotMatch(failed.advice ?? '', /apiBaseUrl/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await switchAccount('Keccel');
      server.close();
    }
  });

  it('a name holding Markdown, HTML, an icon or a command link is shown as plain text everywhere', async () => {
    const hostile = ['[x](command:keccel.clearToken) $(zap)', '<img src=x onerror=alert(1)> **b** `c`'];
    const notes = captureNotifications();
    const picks = watchQuickInputs();
    const api = await keccelApi();
    try {
      for (const name of hostile) {
        assert.deepStrictEqual(await addAccount({ name, token: UI_TOKEN, baseUrl: ui.baseUrl }), { name });
        added.push(name);
      }
      for (const name of hostile) {
        await switchAccount(name);
        await waitFor(`the status bar to name ${name}`, () => api.balanceItem().text.includes('SMS') && api.balanceItem().tooltip.includes(name));
        const item = api.balanceItem();
        assert.doesNotMatch(item.text.replace(/^\$\([a-z-]+\) /, '').replace(/\$\([a-z~-]+\)$/, ''), DRAWN_ICON, `the status bar draws an icon from the name: ${item.text}`);
        const tooltip = await vscode.commands.executeCommand<string>('markdown.api.render', item.tooltipMarkdown ?? '');
        assert.doesNotMatch(tooltip, /<a |<img|<strong>b<|<code>/, `the status bar tooltip renders the name: ${tooltip}`);
      }
      // The send and OTP confirmations name the active account in a row's detail, where VS Code draws icons.
      await switchAccount(hostile[0]);
      await configure({ confirmBeforeSend: true });
      try {
        for (const [command, arg] of [['keccel.sendSms', { to: '0812000501', message: 'hello' }], ['keccel.sendOtp', { to: '0812000501', message: 'Code : %OTP%' }]] as const) {
          const sending = Promise.resolve(vscode.commands.executeCommand(command, arg));
          const confirm = await waitFor(`the confirmation of ${command}`, () => picks.quickPicks.find((p) => p.items.some((i) => i.detail?.includes('zap')) && !/Switch/.test(p.title ?? '')));
          for (const item of confirm.items) assert.doesNotMatch(item.detail ?? '', DRAWN_ICON, `the confirmation draws an icon from the name: ${item.detail}`);
          confirm.hide();
          assert.strictEqual(await sending, undefined);
          picks.quickPicks.splice(picks.quickPicks.indexOf(confirm), 1);
        }
      } finally {
        await configure({ confirmBeforeSend: false });
      }
      await switchAccount('Keccel');
      // The Accounts view: the label is the name as written; the tooltip renders no link, image or emphasis.
      for (const name of hostile) {
        const row = (await api.accountRows()).find((r) => r.label === name);
        assert.ok(row, `no row labelled ${name}`);
        const tooltip = await vscode.commands.executeCommand<string>('markdown.api.render', row.tooltipMarkdown ?? '');
        assert.doesNotMatch(tooltip, /<a |<img|<strong>b<|<code>/, `the Accounts view's tooltip renders the name: ${tooltip}`);
      }
      // The switch quick pick: the rows of those accounts draw no icon of the name's.
      const switching = Promise.resolve(vscode.commands.executeCommand('keccel.switchAccount'));
      const pick = await waitFor('the switch quick pick', () => picks.quickPicks.find((p) => /Switch/.test(p.title ?? '')));
      for (const name of hostile) {
        const row = pick.items.find((i) => i.label.includes(name.slice(0, 10)) || i.label.includes(name.slice(0, 10).replace('$(', '\\$(')));
        assert.ok(row, `no quick pick row for ${name}`);
        assert.doesNotMatch(row.label.replace(/^\$\([a-z-]+\) /, ''), DRAWN_ICON, `the quick pick draws an icon from the name: ${row.label}`);
      }
      pick.hide();
      await switching;
      for (const name of hostile) await vscode.commands.executeCommand('keccel.removeAccount', { name });
      // The notifications (added, removed): no link a click would follow.
      const aboutThem = notes.texts.filter((t) => t.includes('zap') || t.includes('onerror'));
      assert.ok(aboutThem.length >= 4, JSON.stringify(notes.texts));
      for (const text of aboutThem) assert.doesNotMatch(text, NOTIFICATION_LINK, `a notification holds a link: ${text}`);
    } finally {
      notes.dispose();
      picks.dispose();
      await switchAccount('Keccel');
    }
  });
});
