// keccel.exportHistory with `{path, format}` writes the history without a dialog and returns the path.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { KeccelSimulator } from '../../../src/simulator';
import type { HistoryRecord } from '../../../src/core/types';
import { sendSms, startGateway, stopGateway } from '../support/harness';

describe('export', () => {
  let sim: KeccelSimulator;
  let dir: string;
  let sent: HistoryRecord[];
  before(async () => {
    sim = await startGateway();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-export-'));
    sent = [];
    for (const [to, message] of [['0812000001', 'export one'], ['0899000002', 'export, "two"']]) {
      const record = await sendSms(to, message);
      assert.ok(record);
      sent.push(record);
    }
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await stopGateway(sim);
  });

  it('writes JSON with every record', async () => {
    const target = path.join(dir, 'history.json');
    const written = await vscode.commands.executeCommand('keccel.exportHistory', { path: target, format: 'json' });
    assert.strictEqual(written, target);
    const data = JSON.parse(fs.readFileSync(target, 'utf8')) as HistoryRecord[];
    assert.ok(Array.isArray(data), 'the JSON export is not an array of records');
    for (const record of sent) {
      const found = data.find((r) => r.id === record.id);
      assert.ok(found, `record ${record.id} missing from the export`);
      assert.strictEqual(found.to, record.to);
      assert.strictEqual(found.message, record.message);
    }
  });

  it('writes CSV with a header and one row per record, quoting commas and quotes', async () => {
    const target = path.join(dir, 'history.csv');
    const written = await vscode.commands.executeCommand('keccel.exportHistory', { path: target, format: 'csv' });
    assert.strictEqual(written, target);
    const bytes = fs.readFileSync(target);
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 byte order mark: Excel would garble accents');
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trim().split(/\r?\n/);
    assert.match(lines[0], /\bto\b/i, `no header: ${lines[0]}`);
    // The 243… digits in groups, which no spreadsheet turns into 2.43812E+11.
    for (const record of sent) {
      const spaced = record.to.replace(/^243(\d{2})(\d{3})(\d{4})$/, '243 $1 $2 $3');
      assert.ok(text.includes(`,${spaced},`), `${spaced} missing from the CSV`);
    }
    assert.ok(text.includes('"export, ""two"""'), 'the message with a comma and quotes is not CSV-quoted');
  });

  it('writes a semicolon CSV for French spreadsheets when asked', async () => {
    const target = path.join(dir, 'history-fr.csv');
    await vscode.commands.executeCommand('keccel.exportHistory', { path: target, format: 'csv', separator: ';' });
    const lines = fs.readFileSync(target, 'utf8').slice(1).trim().split(/\r?\n/);
    assert.match(lines[0], /^id;messageId;sentAt;/);
    assert.ok(lines.some((line) => line.includes(';"export, ""two""";')), lines.join('\n'));
  });
});
