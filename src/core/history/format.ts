// The on-disk format of the history: JSON Lines, append-only.
//
//   {"keccel":"history","v":1,"g":"<random>"}  header, always the first line (g: see headerLine)
//   {"a":{...record...}}                        a record added (or replaced whole, by compaction)
//   {"u":"<id>","p":{...fields...},"x":["f"]}  a patch: fields set (p) and fields removed (x, optional)
//   {"d":"<id>"}                                a record deleted
//
// Replaying the lines in order gives the live records. Every entry is idempotent (replaying a line twice
// changes nothing), which keeps a second window's catch-up simple.
//
// A damaged line (not JSON, not an entry) hides only itself: the parser reports it with its bytes, and the
// store moves it to a side file. A damaged header followed by entries is one more damaged line; only a file
// whose first line is not a header and whose next is no entry (not ours), or of an unknown version, is unreadable
// as a whole.
//
// Record lines are written with `id`, `sentAt` and `deliveryStatus` (null when absent) first, so loading a
// whole file can read those three from the start of each line and leave the rest unparsed until the record is
// shown (LazyRecord): a 100k-record file then loads without building 100k objects. Any line not in that
// shape is parsed in full, so a hand-edited file still loads.
import type { DeliveryStatus, HistoryRecord } from '../types';

export const FORMAT_VERSION = 1;

/**
 * The first line. `g` is a random generation, new at every rewrite: a window that has read a file up to some
 * byte may only read on from there if the generation is still its own (an inode number alone is not enough:
 * the file system reuses the number of a file replaced by another window's compaction).
 */
export function headerLine(generation: string): string {
  return JSON.stringify({ keccel: 'history', v: FORMAT_VERSION, g: generation }) + '\n';
}

/** The generation of a header line (empty for a header written without one); throws LogFormatError. */
export function readHeader(line: string): string {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    throw new LogFormatError('line 1: not a history file');
  }
  if (!isObject(header) || header.keccel !== 'history') throw new LogFormatError('line 1: not a history file');
  if (header.v !== FORMAT_VERSION) throw new LogFormatError(`unknown format version ${JSON.stringify(header.v)}`);
  return typeof header.g === 'string' ? header.g : '';
}

export type LogEntry =
  | { a: HistoryRecord }
  | { u: string; p: Partial<HistoryRecord>; x?: string[] }
  | { d: string };

/** What parsing a whole file yields: record lines may still be unparsed. */
export type LoadedEntry = LogEntry | { a: LazyRecord };

export function encodeEntry(entry: LogEntry): string {
  if (!('a' in entry)) return JSON.stringify(entry) + '\n';
  const { id, sentAt, deliveryStatus, ...rest } = entry.a;
  return JSON.stringify({ a: { id, sentAt, deliveryStatus: deliveryStatus ?? null, ...rest } }) + '\n';
}

/**
 * Thrown by the parser. For a header that is not ours the store sets the whole file aside (HistoryCorruptError);
 * for one damaged line it becomes a DamagedLine.
 */
export class LogFormatError extends Error {}

/** A line that could not be read, kept byte for byte so it can be moved to a side file. */
export interface DamagedLine {
  /** 1-based line number in the file it was read from. */
  line: number;
  /** The line as it was, without its newline. */
  bytes: Buffer;
  /** What was wrong, e.g. `line 12: not JSON`. */
  reason: string;
  /** The record it was, when its start could still be read (a LazyRecord). */
  id?: string;
}

/** A record line read only as far as its id, sentAt and deliveryStatus; `parse` reads the rest. */
export class LazyRecord {
  constructor(
    readonly id: string,
    readonly sentAt: string,
    readonly deliveryStatus: DeliveryStatus | undefined,
    private readonly src: Buffer,
    private readonly start: number,
    private readonly end: number,
    private readonly line: number,
  ) {}

  /** The whole record; throws LogFormatError if the rest of the line is damaged. */
  parse(): HistoryRecord {
    let value: unknown;
    try {
      value = JSON.parse(this.src.toString('utf8', this.start, this.end));
    } catch {
      throw new LogFormatError(`line ${this.line}: not JSON`);
    }
    checkEntry(value, this.line);
    const record = normalise(value as LogEntry) as { a: HistoryRecord };
    if (!('a' in record) || record.a.id !== this.id || record.a.sentAt !== this.sentAt || record.a.deliveryStatus !== this.deliveryStatus) {
      throw new LogFormatError(`line ${this.line}: not a history entry`);
    }
    return record.a;
  }

  /** This line as damaged, its bytes copied (the file's buffer is not kept alive for it). */
  damaged(reason: string): DamagedLine {
    return { line: this.line, bytes: Buffer.from(this.src.subarray(this.start, this.end)), reason, id: this.id };
  }

  sameBytes(other: LazyRecord): boolean {
    return this.end - this.start === other.end - other.start && this.src.compare(other.src, other.start, other.end, this.start, this.end) === 0;
  }
}

export interface ParsedChunk {
  entries: LoadedEntry[];
  /** Bytes of complete lines read (a trailing partial line is not counted, so it can be re-read later). */
  consumedBytes: number;
  /** Bytes after the last newline: a line being written by another window, or cut short by a crash. */
  partialBytes: number;
  /** Complete lines read (the first line number of the next chunk is `firstLine + lines`). */
  lines: number;
  /** Lines that could not be read; they are not in `entries`. */
  damaged: DamagedLine[];
  /**
   * Where a patch entry of `entries` came from, as a damaged line: for a patch whose record turns out to be
   * damaged, which must then go to the side file with it rather than vanish in a compaction.
   */
  patchLine: (entry: LoadedEntry, reason: string) => DamagedLine | undefined;
  /** The header's generation, when the chunk started with the header. */
  generation?: string;
}

const NEWLINE = 0x0a;
const CLOSE_BRACE = 0x7d;
const RECORD_PREFIX = Buffer.from('{"a":{"id":"');
const QUOTE = 0x22;
const COMMA = 0x2c;
const SENT_AT_KEY = Buffer.from('","sentAt":"');
const STATUS_KEY = Buffer.from('","deliveryStatus":');
const NULL_VALUE = Buffer.from('null');
const STATUSES = new Set(['pending', 'delivered', 'failed', 'expired']);

function bytesAt(buf: Buffer, pos: number, expected: Buffer): boolean {
  if (pos + expected.length > buf.length) return false;
  for (let i = 0; i < expected.length; i++) if (buf[pos + i] !== expected[i]) return false;
  return true;
}

/** A plain ASCII string value starting at `pos` (no escapes), up to `max` bytes; returns its end (the quote). */
function plainStringEnd(buf: Buffer, pos: number, limit: number, max: number): number {
  const end = Math.min(limit, pos + max + 1);
  for (let i = pos; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) return i > pos ? i : -1;
    if (c === 0x5c || c < 0x20 || c >= 0x80) return -1;
  }
  return -1;
}

/**
 * Reads id, sentAt and deliveryStatus from the start of a record line written by encodeEntry, straight from
 * the bytes (no string for the rest of the line). Undefined when the line is not in that shape.
 */
function scanRecordHead(buf: Buffer, start: number, end: number): [string, string, DeliveryStatus | undefined] | undefined {
  let pos = start + RECORD_PREFIX.length;
  const idEnd = plainStringEnd(buf, pos, end, 64);
  if (idEnd < 0 || !bytesAt(buf, idEnd, SENT_AT_KEY)) return undefined;
  const id = buf.toString('latin1', pos, idEnd);
  pos = idEnd + SENT_AT_KEY.length;
  const sentEnd = plainStringEnd(buf, pos, end, 40);
  if (sentEnd < 0 || !bytesAt(buf, sentEnd, STATUS_KEY)) return undefined;
  const sentAt = buf.toString('latin1', pos, sentEnd);
  pos = sentEnd + STATUS_KEY.length;
  if (bytesAt(buf, pos, NULL_VALUE)) return buf[pos + NULL_VALUE.length] === COMMA ? [id, sentAt, undefined] : undefined;
  if (buf[pos] !== QUOTE) return undefined;
  const statusEnd = plainStringEnd(buf, pos + 1, end, 9);
  if (statusEnd < 0 || buf[statusEnd + 1] !== COMMA) return undefined;
  const status = buf.toString('latin1', pos + 1, statusEnd);
  return STATUSES.has(status) ? [id, sentAt, status as DeliveryStatus] : undefined;
}

/**
 * Parses a chunk of the log. `withHeader` for a whole file (the first line must be our header); `lazy` to
 * leave record lines unparsed; `firstLine` is the line number of the chunk's first line. An empty buffer is a
 * valid empty chunk. Damaged lines are returned in `damaged`; throws LogFormatError only when the header is
 * not ours.
 */
export function parseChunk(buf: Buffer, withHeader: boolean, lazy = false, firstLine = 1): ParsedChunk {
  const end = buf.lastIndexOf(NEWLINE) + 1;
  const partialBytes = buf.length - end;
  if (end === 0) {
    // No complete line at all. For a whole file that is not a cut-short append (files are created whole by
    // rename), so anything but an empty file is not ours.
    if (withHeader && partialBytes > 0) throw new LogFormatError('no complete header line');
    return { entries: [], consumedBytes: 0, partialBytes, lines: 0, damaged: [], patchLine: () => undefined };
  }
  let pos = 0;
  let lineNumber = firstLine;
  let generation: string | undefined;
  const entries: LoadedEntry[] = [];
  const damaged: DamagedLine[] = [];
  if (withHeader) {
    const headerEnd = buf.indexOf(NEWLINE);
    try {
      generation = readHeader(buf.toString('utf8', 0, headerEnd));
    } catch (err) {
      // A damaged header in front of history entries hides nothing else: it is one more damaged line (its
      // generation unknown, so the file is read whole until it is rewritten). Without any entry after it, the
      // file is not ours; a header of another version is never guessed at.
      if (!(err instanceof LogFormatError) || /version/.test(err.message) || !firstEntryParses(buf, headerEnd + 1, end)) throw err;
      damaged.push({ line: lineNumber, bytes: Buffer.from(buf.subarray(0, headerEnd)), reason: `line ${lineNumber}: damaged header` });
      generation = '';
    }
    pos = headerEnd + 1;
    lineNumber++;
  }
  const patches = new Map<LoadedEntry, [line: number, start: number, end: number]>();
  for (; pos < end; lineNumber++) {
    const nl = buf.indexOf(NEWLINE, pos);
    const start = pos;
    pos = nl + 1;
    if (nl === start) continue;
    if (lazy && nl - start > 16 && buf[nl - 1] === CLOSE_BRACE && buf[nl - 2] === CLOSE_BRACE && bytesAt(buf, start, RECORD_PREFIX)) {
      const head = scanRecordHead(buf, start, nl);
      if (head) {
        entries.push({ a: new LazyRecord(head[0], head[1], head[2], buf, start, nl, lineNumber) });
        continue;
      }
    }
    const line = buf.toString('utf8', start, nl);
    if (line.trim() === '') continue;
    try {
      const entry = parseEntry(line, lineNumber);
      entries.push(entry);
      if ('u' in entry) patches.set(entry, [lineNumber, start, nl]);
    } catch (err) {
      if (!(err instanceof LogFormatError)) throw err;
      damaged.push({ line: lineNumber, bytes: Buffer.from(buf.subarray(start, nl)), reason: err.message });
    }
  }
  const patchLine = (entry: LoadedEntry, reason: string): DamagedLine | undefined => {
    const at = patches.get(entry);
    return at && { line: at[0], bytes: Buffer.from(buf.subarray(at[1], at[2])), reason: `line ${at[0]}: ${reason}` };
  };
  return { entries, consumedBytes: end, partialBytes, lines: lineNumber - firstLine, damaged, patchLine, generation };
}

/** Whether the first non-blank line in [start, end) is a history entry. */
function firstEntryParses(buf: Buffer, start: number, end: number): boolean {
  for (let pos = start; pos < end; ) {
    const nl = buf.indexOf(NEWLINE, pos);
    const line = buf.toString('utf8', pos, nl);
    pos = nl + 1;
    if (line.trim() === '') continue;
    try {
      parseEntry(line, 0);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

function parseEntry(line: string, lineNumber: number): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LogFormatError(`line ${lineNumber}: not JSON`);
  }
  checkEntry(value, lineNumber);
  return normalise(value as LogEntry);
}

/** A record line stores a missing deliveryStatus as null (see encodeEntry); in memory it is absent. */
function normalise(entry: LogEntry): LogEntry {
  if ('a' in entry && (entry.a as { deliveryStatus?: unknown }).deliveryStatus === null) delete entry.a.deliveryStatus;
  return entry;
}

/**
 * The type of each known record field. The views call string methods on a record's texts (a number for `to`
 * made formatNumber throw, and one throwing row empties the whole Messages view), so a line whose field has another
 * type is damaged like a line that is not JSON. Fields not listed (a later version's) pass as they are.
 */
const FIELD_TYPES: Record<string, 'string' | 'number' | 'boolean'> = {
  id: 'string', messageId: 'string', to: 'string', sentTo: 'string', from: 'string', message: 'string', encoding: 'string',
  segments: 'number', sendStatus: 'string', description: 'string', deliveryStatus: 'string', sentAt: 'string',
  updatedAt: 'string', lastCheckedAt: 'string', checks: 'number', sandbox: 'boolean', inFlight: 'boolean',
  inFlightUntil: 'string', interrupted: 'boolean', untrackedReason: 'string', kind: 'string', otp: 'string', origin: 'string',
  account: 'string',
};

function wellTyped(fields: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(fields)) {
    const type = FIELD_TYPES[key];
    // A null deliveryStatus is how a record line says "none" (encodeEntry).
    if (type && typeof value !== type && !(key === 'deliveryStatus' && value === null)) return false;
  }
  return true;
}

function checkEntry(value: unknown, line: number): void {
  if (isObject(value)) {
    const record = value.a;
    if (isObject(record) && typeof record.id === 'string' && typeof record.sentAt === 'string') {
      if (typeof record.to === 'string' && typeof record.from === 'string' && wellTyped(record)) return;
      throw new LogFormatError(`line ${line}: a record field has the wrong type`);
    }
    if (typeof value.u === 'string' && isObject(value.p) && (value.x === undefined || Array.isArray(value.x))) {
      if (wellTyped(value.p)) return;
      throw new LogFormatError(`line ${line}: a patched field has the wrong type`);
    }
    if (typeof value.d === 'string') return;
  }
  throw new LogFormatError(`line ${line}: not a history entry`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
