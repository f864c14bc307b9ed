import * as assert from 'node:assert/strict';
import { CSV_COLUMNS, csvNumber, formatFromPath, serializeHistory, toCsv, toJson } from '../../src/core/history/export';
import type { HistoryRecord } from '../../src/core/types';

const base: HistoryRecord = {
  id: 'r1',
  messageId: '12345',
  to: '243812345678',
  from: 'GUEST',
  message: 'Bonjour',
  encoding: 'GSM-7',
  segments: 1,
  sendStatus: 'sent',
  description: 'Message sent',
  deliveryStatus: 'delivered',
  sentAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:01:00.000Z',
  sandbox: false,
};

/** A small RFC 4180 reader, to check the CSV round-trips rather than its exact bytes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('history export', () => {
  it('writes a CSV header and one row per record, in the given order', () => {
    const rows = parseCsv(toCsv([base, { ...base, id: 'r2', to: '243991234567' }]));
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 3);
    // Kept as text by spreadsheets: spaces between the groups of the 243… digits (csvNumber).
    assert.equal(rows[1][CSV_COLUMNS.indexOf('to')], '243 81 234 5678');
    assert.equal(rows[2][CSV_COLUMNS.indexOf('id')], 'r2');
  });

  it('quotes commas, quotes and line breaks so the text survives a round trip', () => {
    const message = 'Réunion à 10h, salle "B"\nMerci; à demain';
    const rows = parseCsv(toCsv([{ ...base, message, description: 'Rejected, "Invalid token"' }]));
    assert.equal(rows.length, 2);
    assert.equal(rows[1][CSV_COLUMNS.indexOf('message')], message);
    assert.equal(rows[1][CSV_COLUMNS.indexOf('description')], 'Rejected, "Invalid token"');
  });

  it('leaves absent fields empty (no "undefined") and keeps numbers and booleans readable', () => {
    const { message: _m, messageId: _id, deliveryStatus: _d, ...bare } = base;
    const rows = parseCsv(toCsv([{ ...bare, sendStatus: 'rejected', sandbox: true, segments: 3 }]));
    const row = rows[1];
    assert.equal(row[CSV_COLUMNS.indexOf('message')], '');
    assert.equal(row[CSV_COLUMNS.indexOf('messageId')], '');
    assert.equal(row[CSV_COLUMNS.indexOf('deliveryStatus')], '');
    assert.equal(row[CSV_COLUMNS.indexOf('segments')], '3');
    assert.equal(row[CSV_COLUMNS.indexOf('sandbox')], 'true');
    assert.ok(!toCsv([{ ...bare, sendStatus: 'rejected' }]).includes('undefined'));
  });

  it('writes JSON as an array of the records as stored', () => {
    assert.deepEqual(JSON.parse(toJson([base])), [base]);
    assert.deepEqual(JSON.parse(toJson([])), []);
  });

  it('starts a CSV file with a UTF-8 byte order mark, so Excel reads accents right, and a JSON file without one', () => {
    const records = [{ ...base, message: 'réunion à 15h' }];
    const csv = Buffer.from(serializeHistory(records, 'csv'), 'utf8');
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    assert.equal(text, toCsv(records));
    assert.ok(text.includes('réunion à 15h'));
    const json = Buffer.from(serializeHistory(records, 'json'), 'utf8');
    assert.equal(json[0], '['.charCodeAt(0));
    assert.deepEqual(JSON.parse(json.toString('utf8')), records);
  });

  it('neutralises cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) and leaves JSON as stored', () => {
    const hostile = ['=HYPERLINK("http://evil.example","Fix")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\r=1'];
    for (const text of hostile) {
      const rows = parseCsv(toCsv([{ ...base, message: text, description: text, from: text }]));
      for (const column of ['message', 'description', 'from'] as const) {
        assert.equal(rows[1][CSV_COLUMNS.indexOf(column)], `'${text}`, `${column} ${JSON.stringify(text)}`);
      }
      assert.deepEqual(JSON.parse(toJson([{ ...base, message: text }]))[0].message, text);
    }
    // Ordinary text, an inner "=" and numbers stay as they are.
    const rows = parseCsv(toCsv([{ ...base, message: 'a = b', segments: 2 }]));
    assert.equal(rows[1][CSV_COLUMNS.indexOf('message')], 'a = b');
    assert.equal(rows[1][CSV_COLUMNS.indexOf('segments')], '2');
  });

  it('picks the format from the file extension', () => {
    assert.equal(formatFromPath('/tmp/h.CSV'), 'csv');
    assert.equal(formatFromPath('/tmp/h.json'), 'json');
    assert.equal(formatFromPath('/tmp/h'), 'json');
  });

  it('writes a semicolon CSV for French spreadsheets, quoting semicolons, commas untouched', () => {
    const message = 'Bonjour; à 10,5 h';
    const text = toCsv([{ ...base, message }], { separator: ';' });
    const [header, row] = text.split('\r\n');
    assert.equal(header, CSV_COLUMNS.join(';'));
    assert.ok(row.includes(';"Bonjour; à 10,5 h";'), row);
    assert.ok(row.includes(';243 81 234 5678;'), row);
    assert.equal(row.split(';').length, CSV_COLUMNS.length + 1, 'one extra split inside the quoted text only');
  });

  it('writes numbers so no spreadsheet reads them as numbers, and tools get the digits back', () => {
    const cell = csvNumber('243812345678');
    assert.ok(Number.isNaN(Number(cell)), 'a bare number would become 2.43812E+11');
    assert.equal(cell.replace(/ /g, ''), '243812345678');
    assert.match(cell, /^\d/, 'no leading = + - @ or tab (formula guards, other tools)');
  });
});
