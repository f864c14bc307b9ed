// Serialises history records for "Keccel: Export History…": JSON (an array of the records as stored) or CSV
// (RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
// doubled). A CSV file starts with a UTF-8 byte order mark, without which Excel reads it in the system code page and
// shows "réunion" as "rÃ©union"; JSON never has one. Plain functions so tests and scripts use them without VS Code.
import type { HistoryRecord } from '../types';

export type ExportFormat = 'json' | 'csv';

/** CSV columns, in order; also the header line. */
export const CSV_COLUMNS = [
  'id',
  'messageId',
  'sentAt',
  'updatedAt',
  'to',
  'from',
  'message',
  'encoding',
  'segments',
  'sendStatus',
  'deliveryStatus',
  'description',
  'sandbox',
] as const satisfies readonly (keyof HistoryRecord)[];

/**
 * A text cell that starts with one of these is run as a formula by Excel, LibreOffice and Google Sheets
 * (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`); the message, the sender and the gateway's description are not ours.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Strings that a spreadsheet would evaluate get a leading `'` (the usual CSV-injection rule, which
 * spreadsheets show as text); numbers and booleans are ours and stay as they are. JSON export is never touched.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(records: readonly HistoryRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of records) lines.push(CSV_COLUMNS.map((column) => csvField(record[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJson(records: readonly HistoryRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}

/** The byte order mark a CSV export file starts with (encoded as EF BB BF in UTF-8). */
export const CSV_BOM = '\uFEFF';

/** The whole file: CSV with its byte order mark, or JSON as is. */
export function serializeHistory(records: readonly HistoryRecord[], format: ExportFormat): string {
  return format === 'csv' ? CSV_BOM + toCsv(records) : toJson(records);
}

/** The format a file name implies (`.csv` → csv, anything else → json). */
export function formatFromPath(path: string): ExportFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'json';
}
