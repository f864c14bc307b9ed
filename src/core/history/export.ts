// Serialises history records for "Keccel: Export History…": JSON (an array of the records as stored) or CSV
// (RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
// doubled). A CSV file starts with a UTF-8 byte order mark, without which Excel reads it in the system code page and
// shows "réunion" as "rÃ©union"; JSON never has one. Plain functions so tests and scripts use them without VS Code.
import type { HistoryRecord } from '../types';

export type ExportFormat = 'json' | 'csv';

/**
 * `,` for most tools and English spreadsheets; `;` for spreadsheets in a French (or other decimal-comma) locale,
 * which read a comma-separated file as one column.
 */
export type CsvSeparator = ',' | ';';

export interface CsvOptions {
  separator?: CsvSeparator;
}

/**
 * The recipient as a CSV cell: `243 81 234 5678`. A spreadsheet turns a bare `243812345678` into 2.43812E+11 (and a
 * long numeric ID into a rounded number); with spaces in groups no locale reads as a number, it stays text in
 * Excel, LibreOffice and Google Sheets. It keeps the gateway's 243… digits in order, so any tool gets them back by
 * removing the spaces, and it has no invisible character, apostrophe, leading `=` or tab that would end up in the
 * data of other tools (or trip formula-injection guards, which a leading `+` would). JSON keeps `243812345678`.
 */
export function csvNumber(msisdn: string): string {
  const match = /^243(\d{2})(\d{3})(\d{4})$/.exec(msisdn);
  return match ? `243 ${match[1]} ${match[2]} ${match[3]}` : msisdn;
}

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

/** One cell for the given separator: csvField's quoting, plus quotes around a `;` when `;` separates. */
function cell(value: unknown, separator: CsvSeparator): string {
  const field = csvField(value);
  return separator !== ',' && field.includes(separator) && !field.startsWith('"') ? `"${field}"` : field;
}

function cellOf(record: HistoryRecord, column: (typeof CSV_COLUMNS)[number]): unknown {
  return column === 'to' ? csvNumber(record.to) : record[column];
}

export function toCsv(records: readonly HistoryRecord[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ',';
  const lines = [CSV_COLUMNS.join(separator)];
  for (const record of records) lines.push(CSV_COLUMNS.map((column) => cell(cellOf(record, column), separator)).join(separator));
  return lines.join('\r\n') + '\r\n';
}

export function toJson(records: readonly HistoryRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}

/** The byte order mark a CSV export file starts with (encoded as EF BB BF in UTF-8). */
export const CSV_BOM = '\uFEFF';

/** The whole file: CSV with its byte order mark, or JSON as is. */
export function serializeHistory(records: readonly HistoryRecord[], format: ExportFormat, options: CsvOptions = {}): string {
  return format === 'csv' ? CSV_BOM + toCsv(records, options) : toJson(records);
}

/** The format a file name implies (`.csv` → csv, anything else → json). */
export function formatFromPath(path: string): ExportFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'json';
}
