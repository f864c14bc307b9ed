// The on-disk format of the history: JSON Lines, append-only.
//
//   {"keccel":"history","v":1}                 header, always the first line
//   {"a":{...record...}}                        a record added (or replaced whole, by compaction)
//   {"u":"<id>","p":{...fields...},"x":["f"]}  a patch: fields set (p) and fields removed (x, optional)
//   {"d":"<id>"}                                a record deleted
//
// Replaying the lines in order gives the live records. Every entry is idempotent (replaying a line twice
// changes nothing), which keeps a second window's catch-up simple.
import type { HistoryRecord } from '../types';

export const FORMAT_VERSION = 1;
export const HEADER_LINE = `{"keccel":"history","v":${FORMAT_VERSION}}\n`;

export type LogEntry =
  | { a: HistoryRecord }
  | { u: string; p: Partial<HistoryRecord>; x?: string[] }
  | { d: string };

export function encodeEntry(entry: LogEntry): string {
  return JSON.stringify(entry) + '\n';
}

/** Thrown by the parser; the store turns it into a HistoryCorruptError once the file is set aside. */
export class LogFormatError extends Error {}

export interface ParsedChunk {
  entries: LogEntry[];
  /** Bytes of complete lines read (a trailing partial line is not counted, so it can be re-read later). */
  consumedBytes: number;
  /** Bytes after the last newline: a line being written by another window, or cut short by a crash. */
  partialBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Parses a chunk of the log. `withHeader` for a whole file (the first line must be our header).
 * An empty buffer is a valid empty chunk. Throws LogFormatError for anything but a cut-short last line.
 */
export function parseChunk(buf: Buffer, withHeader: boolean): ParsedChunk {
  const end = buf.lastIndexOf(NEWLINE) + 1;
  const partialBytes = buf.length - end;
  if (end === 0) {
    // No complete line at all. For a whole file that is not a cut-short append (files are created whole by
    // rename), so anything but an empty file is not ours.
    if (withHeader && partialBytes > 0) throw new LogFormatError('no complete header line');
    return { entries: [], consumedBytes: 0, partialBytes };
  }
  let text = buf.toString('utf8', 0, end);
  let firstLine = 1;
  if (withHeader) {
    const headerEnd = text.indexOf('\n');
    checkHeader(text.slice(0, headerEnd));
    text = text.slice(headerEnd + 1);
    firstLine = 2;
  }
  return { entries: parseLines(text, firstLine), consumedBytes: end, partialBytes };
}

function checkHeader(line: string): void {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    throw new LogFormatError('line 1: not a history file');
  }
  if (!isObject(header) || header.keccel !== 'history') throw new LogFormatError('line 1: not a history file');
  if (header.v !== FORMAT_VERSION) throw new LogFormatError(`unknown format version ${JSON.stringify(header.v)}`);
}

/** `text` is whole lines, each ending with a newline. */
function parseLines(text: string, firstLine: number): LogEntry[] {
  // One JSON.parse per line measured faster here than joining the lines into one array and parsing that
  // (the join copies the whole file once more), and it names the bad line for free.
  const entries: LogEntry[] = [];
  let lineNumber = firstLine;
  for (let start = 0; start < text.length; lineNumber++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end);
    start = end + 1;
    if (line.length === 0 || line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new LogFormatError(`line ${lineNumber}: not JSON`);
    }
    checkEntry(value, lineNumber);
    entries.push(value as LogEntry);
  }
  return entries;
}

function checkEntry(value: unknown, line: number): void {
  if (isObject(value)) {
    const record = value.a;
    if (isObject(record) && typeof record.id === 'string' && typeof record.sentAt === 'string') return;
    if (typeof value.u === 'string' && isObject(value.p) && (value.x === undefined || Array.isArray(value.x))) return;
    if (typeof value.d === 'string') return;
  }
  throw new LogFormatError(`line ${line}: not a history entry`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
