// The Messages tree as a place to read what happened: rows told apart by their text (or sender), one way to write
// a number in every place the user reads it, the details page, the filter and the multi-row delete.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KeccelSimulator } from '../../../src/simulator';
import type { HistoryRecord } from '../../../src/core/types';
import { TEST_TOKEN, configure, keccelApi, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

describe('history view', () => {
  let sim: KeccelSimulator;
  before(async () => {
    sim = await startGateway();
    await vscode.commands.executeCommand('keccel.clearHistory', { confirm: false });
  });
  after(async () => {
    await configure({ 'history.storeMessageText': undefined });
    await vscode.commands.executeCommand('keccel.clearHistory', { confirm: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopGateway(sim);
  });

  async function send(to: string, message: string, from?: string): Promise<HistoryRecord> {
    const record = await sendSms(to, message, from);
    assert.ok(record, `sendSms(${to}) returned undefined`);
    return record;
  }

  async function rowOf(id: string) {
    const rows = await (await keccelApi()).messageTreeRows();
    const row = rows.find((r) => r.recordId === id);
    assert.ok(row, `no tree row for ${id}`);
    return row;
  }

  it('tells rows to the same number apart by the start of their text, status and age first', async () => {
    const a = await send('0812340101', 'Réunion demain à 9 h, salle B');
    const b = await send('0812340101', 'Facture n° 42 payée, merci');
    const rowA = await rowOf(a.id);
    const rowB = await rowOf(b.id);
    assert.strictEqual(rowA.label, '081 234 0101');
    // Status word, then the age, then the text start, then the carrier: the sidebar cuts from the end.
    assert.match(rowA.description ?? '', /^(Pending|Delivered) · now · “Réunion demain à 9 h,…” · Vodacom$/);
    assert.match(rowB.description ?? '', / · “Facture n° 42 payée,…” · /);
    assert.notStrictEqual(rowA.description, rowB.description);
  });

  it('shows the sender instead of the text when texts are not stored', async () => {
    await configure({ 'history.storeMessageText': false });
    try {
      const record = await send('0812340102', 'secret text', 'SHOP');
      const row = await rowOf(record.id);
      assert.match(row.description ?? '', / · from SHOP · /);
      assert.ok(!(row.description ?? '').includes('secret'));
    } finally {
      await configure({ 'history.storeMessageText': undefined });
    }
  });

  it('writes the number one way: the full +243 form in the tooltip and accessible label, its compact form on the row', async () => {
    const record = await send('+243 99 123 4567', 'numéro');
    const row = await rowOf(record.id);
    assert.strictEqual(row.label, '099 123 4567');
    assert.match(row.tooltip, /\+243 99 123 4567/);
    assert.ok(!/243991234567/.test(row.tooltip), 'the tooltip shows the raw gateway form');
  });

  it('a click on a row opens a readable details page: the text as text, its parts, its story, no token', async () => {
    const text = '<img src=x onerror=alert(1)> & "quoted" - ' + 'é'.repeat(150);
    const record = await send('0812340103', text);
    const row = await rowOf(record.id);
    assert.strictEqual(row.command, 'keccel.message.showDetails', 'a click on the row does not open the details');
    await vscode.commands.executeCommand('keccel.message.showDetails', { id: record.id });
    const api = await keccelApi();
    const page = await waitFor('the details page', () => {
      const snapshot = api.detailsPage();
      return snapshot?.recordId === record.id && snapshot.view ? snapshot : undefined;
    });
    const view = page.view!;
    // The shell is the composer's strict CSP; the text never goes into the HTML, only through textContent.
    const html = page.html.replace(/&#39;/g, "'");
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.ok(!page.html.includes('onerror'), 'the message text is in the HTML shell');
    assert.strictEqual(view.text, text);
    assert.strictEqual(view.title, 'SMS to +243 81 234 0103');
    // 193 GSM-7 characters: two parts of at most 153.
    assert.strictEqual(view.parts.length, 2);
    assert.strictEqual(view.parts.map((p) => p.text).join(''), text);
    assert.match(view.parts[0].caption, /^Part 1 of 2 · 153 of 153$/);
    const facts = Object.fromEntries(view.facts.map((f) => [f.label, f.value]));
    assert.strictEqual(facts.To, '+243 81 234 0103 · Vodacom');
    assert.strictEqual(facts['Message ID'], record.messageId);
    assert.match(facts.Encoding, /^GSM-7 · 2 segments$/);
    assert.ok(view.events.length >= 1 && view.events[0].description, 'no status change with the gateway words');
    assert.deepEqual(view.actions.map((a) => a.action).filter((a) => a !== 'checkNow' && a !== 'copyAsCode'), ['copyId', 'resend', 'delete']);
    assert.ok(!JSON.stringify(page).includes(TEST_TOKEN), 'the token is on the details page');
  });

  it('the details page follows the record: the delivery report adds a status change, a deletion says it is gone', async () => {
    sim.setDeliveryDelayMs(0);
    const record = await send('0812340104', 'follow me');
    await vscode.commands.executeCommand('keccel.message.showDetails', { id: record.id });
    const api = await keccelApi();
    await vscode.commands.executeCommand('keccel.message.checkDelivery', { id: record.id });
    const view = await waitFor('the delivered state on the page', () => {
      const v = api.detailsPage()?.view;
      return v && v.events.length === 2 ? v : undefined;
    });
    assert.deepEqual(view.events.map((e) => e.label), ['Accepted, waiting for the delivery report', 'Delivered']);
    assert.strictEqual(view.outcome.headline, 'Delivered to the phone.');
    await vscode.commands.executeCommand('keccel.message.delete', { id: record.id, confirm: false });
    await waitFor('the removed notice', () => api.detailsPage()?.removed);
  });

  it('filters by number, status or text as the user types, shows the filter in the view, and clears it', async () => {
    await vscode.commands.executeCommand('keccel.clearHistory', { confirm: false });
    const a = await send('0812340201', 'Livraison prévue lundi');
    const b = await send('0991230202', 'Facture payée lundi');
    const c = await send('0812340203', 'Rappel rendez-vous');
    const api = await keccelApi();
    const shownIds = async () => (await api.messageTreeRows()).map((r) => r.recordId).filter(Boolean).sort();
    try {
      await vscode.commands.executeCommand('keccel.filterMessages', '0812 34');
      assert.deepEqual(await shownIds(), [a.id, c.id].sort());
      const state = api.messageFilter();
      assert.strictEqual(state.description, 'Filter: 0812 34');
      await waitFor('the count above the rows', () => api.messageFilter().message === 'Filter “0812 34”: 2 of 3');
      await vscode.commands.executeCommand('keccel.filterMessages', 'LUNDI');
      assert.deepEqual(await shownIds(), [a.id, b.id].sort());
      await vscode.commands.executeCommand('keccel.filterMessages', 'lundi 099');
      assert.deepEqual(await shownIds(), [b.id]);
      await vscode.commands.executeCommand('keccel.filterMessages', 'rejected');
      assert.deepEqual(await shownIds(), []);
    } finally {
      await vscode.commands.executeCommand('keccel.clearMessageFilter');
    }
    assert.strictEqual(api.messageFilter().description, undefined);
    assert.deepEqual(await shownIds(), [a.id, b.id, c.id].sort());
  });

  it('deletes every selected row after one confirmation (context menu passes the selection)', async () => {
    const keep = await send('0812340301', 'keep me');
    const one = await send('0812340302', 'delete one');
    const two = await send('0812340303', 'delete two');
    const api = await keccelApi();
    const rows = await api.messageTreeRows();
    const nodeOf = (id: string) => ({ kind: 'message', record: rows.find((r) => r.recordId === id) && { id } });
    // As VS Code calls it from the context menu of a multi-selection: the clicked row, then all selected rows.
    const deleted = await vscode.commands.executeCommand('keccel.message.delete', { id: one.id, confirm: false }, [nodeOf(one.id), nodeOf(two.id)]);
    assert.strictEqual(deleted, true);
    const left = (await api.history()).map((r) => r.id);
    assert.ok(left.includes(keep.id));
    assert.ok(!left.includes(one.id) && !left.includes(two.id), 'a selected row is still in the history');
  });
});
