// The history of sent messages, in one JSON Lines file per mode (format.ts), mirrored in memory.
//
// Writes go through one queue (never two at once from this window) and hold a lock file (never two at once
// across windows). Each write first catches up with what other windows appended, then appends its own lines.
// A crash mid-append leaves at most a cut-short last line: loading ignores it, the next write removes it.
// Rewrites (compaction, clear) go to a temporary file that is fsync'ed and renamed over the old one, so a
// crash leaves either the old file or the new one. Appends are not fsync'ed: a killed process loses nothing
// (the kernel has the bytes); only a power cut can lose the last few sends.
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { HistoryRecord, Logger } from '../types';
import { silentLogger } from '../types';
import { HistoryCorruptError } from './errors';
import { encodeEntry, headerLine, LogFormatError, parseChunk, readHeader, type LogEntry, type ParsedChunk } from './format';
import { newRecordId } from './ids';
import { withFileLock } from './lock';
import { patched, RecordIndex, sameRecord } from './records';

export interface HistoryStoreOptions {
  /** Directory of the file; created if missing. */
  dir: string;
  /** Default `history.jsonl`. */
  fileName?: string;
  /** Default 10000; the oldest final records go first. */
  maxMessages?: number;
  logger?: Logger;
}

export interface HistoryChangeEvent {
  /** Records added, changed or removed (by this window or, after `reload`, by another one). */
  ids: string[];
  /** Set when the file was found unreadable and moved aside during this change. */
  corruption?: HistoryCorruptError;
}

export type NewHistoryRecord = Omit<HistoryRecord, 'id'> & { id?: string };

export const DEFAULT_MAX_MESSAGES = 10_000;

/** Compact when the log holds this many more entries than twice the live records. */
const COMPACTION_SLACK = 1_000;

type CatchUp = 'done' | 'needs-lock';

export class HistoryStore {
  /** The history file (the VS Code layer watches it and calls `reload`). */
  readonly path: string;
  private readonly dir: string;
  private readonly lockPath: string;
  private readonly logger: Logger;
  private maxMessages: number;
  private readonly index = new RecordIndex();
  private readonly listeners = new Set<(e: HistoryChangeEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Which file (device:inode) has been replayed into memory, and up to which byte. */
  private fileId: string | undefined;
  /** The generation in the header of that file (format.ts: inode numbers get reused). */
  private generation: string | undefined;
  private offset = 0;
  /** Entries in the file, to decide when compacting pays off. */
  private entryCount = 0;
  private warnedPartialAt = -1;
  private lastCorruption: HistoryCorruptError | undefined;
  private unreportedCorruption: HistoryCorruptError | undefined;
  /** Ids changed since the last event (operations run one at a time, so one set serves them all). */
  private readonly changed = new Set<string>();
  private damageReported = false;

  private constructor(file: string, maxMessages: number, logger: Logger) {
    this.path = file;
    this.dir = path.dirname(file);
    this.lockPath = `${file}.lock`;
    this.maxMessages = maxMessages;
    this.logger = logger;
    this.index.onDamaged = (error) => this.onDamagedLine(error);
  }

  static async open(options: HistoryStoreOptions): Promise<HistoryStore> {
    const dir = path.resolve(options.dir);
    await fs.mkdir(dir, { recursive: true });
    const store = new HistoryStore(
      path.join(dir, options.fileName ?? 'history.jsonl'),
      options.maxMessages ?? DEFAULT_MAX_MESSAGES,
      options.logger ?? silentLogger,
    );
    await store.serial(() => store.init());
    return store;
  }

  /** The error of the last time the file was found unreadable and moved aside (at open or reload). */
  get corruption(): HistoryCorruptError | undefined {
    return this.lastCorruption;
  }

  get size(): number {
    return this.index.size;
  }

  /** Newest first (by sentAt). The records are snapshots: a change replaces them, never mutates them. */
  all(): HistoryRecord[] {
    return this.index.newestFirst();
  }

  /** `limit` records from the `offset`-th newest. */
  page(offset: number, limit: number): HistoryRecord[] {
    return this.index.page(offset, limit);
  }

  get(id: string): HistoryRecord | undefined {
    return this.index.get(id);
  }

  /** Where a record sits in `all()` (0 is the newest), or -1; cheap, so a view can find which page holds it. */
  positionOf(id: string): number {
    return this.index.positionOf(id);
  }

  /** Records awaiting a delivery report, oldest first. */
  pending(): HistoryRecord[] {
    return this.index.pending();
  }

  /** Stores a record (a new id unless one is given) and returns it as stored. */
  add(record: NewHistoryRecord): Promise<HistoryRecord> {
    return this.mutate(() => {
      const stored = withoutUndefined({ ...record, id: record.id ?? newRecordId() }) as HistoryRecord;
      const entries: LogEntry[] = [{ a: stored }];
      const room = this.index.has(stored.id) ? this.maxMessages : this.maxMessages - 1;
      for (const id of this.index.evictions(room)) if (id !== stored.id) entries.push({ d: id });
      return { entries, result: () => this.index.get(stored.id) ?? stored };
    });
  }

  /**
   * Sets the fields of `patch` (a field set to `undefined` is removed). Resolves to the record as stored, or
   * undefined if there is no such record or `when` is false for it as it is in the file (checked under the lock,
   * after catching up with other windows, so a decision made on an older copy never overwrites a newer one).
   */
  update(id: string, patch: Partial<HistoryRecord>, when?: (current: HistoryRecord) => boolean): Promise<HistoryRecord | undefined> {
    return this.mutate(() => {
      const old = this.index.get(id);
      if (!old || (when && !when(old))) return { entries: [], result: () => undefined };
      const set: Record<string, unknown> = {};
      const removed: string[] = [];
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'id') continue;
        if (value === undefined) removed.push(key);
        else set[key] = value;
      }
      const entry: LogEntry = removed.length > 0 ? { u: id, p: set, x: removed } : { u: id, p: set };
      // A patch that changes nothing is not worth a line in the log.
      const entries = sameRecord(old, patched(old, entry)) ? [] : [entry];
      return { entries, result: () => this.index.get(id) };
    });
  }

  /**
   * Stores several records in one write (one lock, one append, one change event): the sandbox records a burst
   * of another client's sends this way. Returns them as stored, in the given order.
   */
  addMany(records: NewHistoryRecord[]): Promise<HistoryRecord[]> {
    if (records.length === 0) return Promise.resolve([]);
    return this.mutate(() => {
      const stored = records.map((record) => withoutUndefined({ ...record, id: record.id ?? newRecordId() }) as HistoryRecord);
      const entries: LogEntry[] = stored.map((a) => ({ a }));
      const ids = new Set(stored.map((r) => r.id));
      const room = this.maxMessages - stored.filter((r) => !this.index.has(r.id)).length;
      for (const id of this.index.evictions(Math.max(0, room))) if (!ids.has(id)) entries.push({ d: id });
      return { entries, result: () => stored.map((r) => this.index.get(r.id) ?? r) };
    });
  }

  /**
   * Patches several records in one write. `patchOf` sees each record as it is in the file (under the lock) and
   * returns the fields to set, or undefined to leave it; unknown ids are skipped. Resolves to the ids changed.
   */
  patchMany(ids: string[], patchOf: (current: HistoryRecord) => Partial<HistoryRecord> | undefined): Promise<string[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.mutate(() => {
      const entries: LogEntry[] = [];
      for (const id of new Set(ids)) {
        const current = this.index.get(id);
        const patch = current && patchOf(current);
        if (!patch) continue;
        const set = withoutUndefined(patch) as Record<string, unknown>;
        delete set.id;
        if (Object.keys(set).length > 0) entries.push({ u: id, p: set });
      }
      return { entries, result: () => entries.map((e) => (e as { u: string }).u) };
    });
  }

  /** True if the record existed. */
  delete(id: string): Promise<boolean> {
    return this.mutate(() => {
      const exists = this.index.has(id);
      return { entries: exists ? [{ d: id }] : [], result: () => exists };
    });
  }

  /** Empties the history (the file is rewritten with its header only). */
  clear(): Promise<void> {
    return this.serial(async () => {
      this.assertOpen();
      try {
        await this.locked(async () => {
          await this.catchUp(true);
          for (const id of this.index.ids()) this.changed.add(id);
          this.index.clear();
          await this.rewrite();
        });
      } finally {
        this.emit();
      }
    });
  }

  onDidChange(listener: (e: HistoryChangeEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Changes the cap; drops the oldest final records at once if the history is over it. */
  setMaxMessages(n: number): Promise<void> {
    this.maxMessages = Math.max(0, Math.floor(n));
    return this.mutate(() => ({ entries: this.index.evictions(this.maxMessages).map((d) => ({ d })), result: () => undefined }));
  }

  /** Catches up with the file as another window left it (the VS Code layer calls this when the file changes). */
  reload(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      try {
        if ((await this.catchUp(false)) === 'needs-lock') {
          await this.locked(() => this.catchUp(true));
        }
      } finally {
        this.emit();
      }
    });
  }

  /** Waits for queued writes; later writes are refused. Reads keep answering from memory. */
  close(): Promise<void> {
    return this.serial(async () => {
      this.closed = true;
    });
  }

  // ---- internals ----

  private async init(): Promise<void> {
    const temps = await this.leftoverTemps();
    const state = await this.catchUp(false);
    if (state === 'needs-lock' || temps.length > 0 || this.index.size > this.maxMessages) {
      await this.locked(async () => {
        // Under the lock nobody is compacting, so a temporary file is the remains of a crash.
        for (const temp of await this.leftoverTemps()) {
          this.logger.warn(`History: removing ${path.basename(temp)}, left by an interrupted compaction.`);
          await fs.unlink(temp).catch(() => undefined);
        }
        await this.catchUp(true);
        const evictions = this.index.evictions(this.maxMessages);
        if (evictions.length > 0) {
          for (const d of evictions) this.index.apply({ d });
          this.logger.info(`History: dropped the ${evictions.length} oldest records over the cap of ${this.maxMessages}.`);
          await this.rewrite();
        }
      });
    }
    this.unreportedCorruption = undefined; // reported through `corruption` to whoever opened the store
  }

  private mutate<T>(build: () => { entries: LogEntry[]; result: () => T }): Promise<T> {
    return this.serial(async () => {
      this.assertOpen();
      try {
        return await this.locked(async () => {
          await this.catchUp(true);
          const op = build();
          if (op.entries.length > 0) {
            const text = op.entries.map(encodeEntry).join('');
            await fs.appendFile(this.path, text);
            // We hold the lock, so nobody appended between our catch-up and our write.
            this.offset += Buffer.byteLength(text);
            this.entryCount += op.entries.length;
            for (const entry of op.entries) {
              const id = this.index.apply(entry);
              if (id !== undefined) this.changed.add(id);
            }
          }
          if (this.entryCount > 2 * this.index.size + COMPACTION_SLACK) await this.rewrite();
          return op.result();
        });
      } finally {
        this.emit();
      }
    });
  }

  /**
   * Replays what is new in the file into memory, adding the ids that changed to `changed`. Without the lock
   * it only reads; what needs the lock (creating the file, setting a corrupt one aside, removing a cut-short
   * last line) is left for a locked call, signalled by 'needs-lock'.
   */
  private async catchUp(locked: boolean): Promise<CatchUp> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (!locked) return 'needs-lock';
      // First run, or the file was deleted by hand: start a new one.
      for (const id of this.index.ids()) this.changed.add(id);
      this.index.clear();
      await this.rewrite();
      return 'done';
    }
    let corrupt: LogFormatError | undefined;
    let empty = false;
    try {
      const stat = await handle.stat();
      const fileId = `${stat.dev}:${stat.ino}`;
      // Another window's compaction or clear replaced the file: replay it whole.
      const whole =
        fileId !== this.fileId || stat.size < this.offset || (await readGeneration(handle, stat.size)) !== this.generation;
      const start = whole ? 0 : this.offset;
      if (!whole && stat.size === start) return 'done';
      const buf = await readRange(handle, start, stat.size);
      let parsed: ParsedChunk | undefined;
      try {
        parsed = parseChunk(buf, whole, whole);
        if (whole && parsed.generation === undefined) {
          // An empty file (made by hand): give it a header before anything is appended to it.
          if (!locked) return 'needs-lock';
          parsed = undefined;
          empty = true;
        } else if (whole) {
          const before = this.index.snapshot();
          this.index.load(parsed.entries);
          // Nobody can listen before open returns: skip the diff of the first load.
          if (this.listeners.size > 0) this.index.diff(before, this.changed);
          this.entryCount = parsed.entries.length;
        }
      } catch (err) {
        if (!(err instanceof LogFormatError)) throw err;
        corrupt = err;
        parsed = undefined;
      }
      if (parsed) {
        if (!whole) {
          for (const entry of parsed.entries as LogEntry[]) {
            const id = this.index.apply(entry);
            if (id !== undefined) this.changed.add(id);
          }
          this.entryCount += parsed.entries.length;
        }
        this.fileId = fileId;
        if (whole) this.generation = parsed.generation;
        this.offset = start + parsed.consumedBytes;
        if (parsed.partialBytes > 0) {
          if (locked) {
            // We hold the lock, so no window is writing: these bytes are the remains of a crashed append,
            // and the next line appended after them would make them garbage in the middle of the file.
            this.logger.warn(`History: removing a cut-short last line (${parsed.partialBytes} bytes) left by an interrupted write.`);
            await fs.truncate(this.path, this.offset);
          } else if (this.warnedPartialAt !== this.offset) {
            this.warnedPartialAt = this.offset;
            this.logger.warn(`History: ignoring a cut-short last line (${parsed.partialBytes} bytes), from an interrupted write or one in progress.`);
          }
        }
      }
    } finally {
      await handle.close();
    }
    if (empty) {
      for (const id of this.index.ids()) this.changed.add(id);
      this.index.clear();
      await this.rewrite();
    }
    if (!corrupt) return 'done';
    if (!locked) return 'needs-lock';
    await this.setAside(corrupt.message);
    return 'done';
  }

  /** Moves an unreadable file aside (never overwrites it) and starts an empty history. */
  private async setAside(reason: string): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const aside = `${this.path}.corrupt-${stamp}`;
    await fs.rename(this.path, aside);
    for (const id of this.index.ids()) this.changed.add(id);
    this.index.clear();
    await this.rewrite();
    const error = new HistoryCorruptError(aside, reason);
    this.lastCorruption = error;
    this.unreportedCorruption = error;
    this.logger.error(`History: ${error.message}`);
  }

  /** Writes the live records as a new file: temporary file, fsync, rename over the old one. */
  private async rewrite(): Promise<void> {
    let records: HistoryRecord[];
    try {
      // Parses every line not read yet: a damaged one must stop the rewrite, not vanish from the new file.
      records = this.index.oldestFirstStrict();
    } catch (err) {
      if (!(err instanceof LogFormatError)) throw err;
      await this.setAside(err.message); // rewrites with an empty index, which cannot fail this way
      return;
    }
    const generation = randomBytes(8).toString('hex');
    const parts: string[] = [headerLine(generation)];
    for (const record of records) parts.push(encodeEntry({ a: record }));
    const text = parts.join('');
    const temp = `${this.path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, this.path);
    } catch (err) {
      await fs.unlink(temp).catch(() => undefined);
      throw err;
    }
    await syncDirectory(this.dir);
    const stat = await fs.stat(this.path);
    this.fileId = `${stat.dev}:${stat.ino}`;
    this.generation = generation;
    this.offset = Buffer.byteLength(text);
    this.entryCount = records.length;
  }

  /** A line read lazily turned out damaged: set the file aside as at load, once, through the queue. */
  private onDamagedLine(error: LogFormatError): void {
    if (this.damageReported) return;
    this.damageReported = true;
    const fileId = this.fileId;
    this.serial(async () => {
      try {
        if (this.closed) return;
        await this.locked(async () => {
          if (this.fileId === fileId) await this.setAside(error.message);
        });
      } finally {
        this.damageReported = false;
        this.emit();
      }
    }).catch((err: unknown) => this.logger.error(`History: could not set a damaged file aside: ${(err as Error).message}`));
  }

  private async leftoverTemps(): Promise<string[]> {
    const prefix = `${path.basename(this.path)}.tmp-`;
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.startsWith(prefix)).map((n) => path.join(this.dir, n));
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.lockPath, fn);
  }

  /** One queue for every operation that touches the file, so this window never interleaves two of them. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The history store is closed.');
  }

  private emit(): void {
    const corruption = this.unreportedCorruption;
    if (this.changed.size === 0 && !corruption) return;
    this.unreportedCorruption = undefined;
    const ids = [...this.changed];
    this.changed.clear();
    const event: HistoryChangeEvent = corruption ? { ids, corruption } : { ids };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.logger.error(`History: a change listener failed: ${(err as Error).message}`);
      }
    }
  }
}

async function readRange(handle: fs.FileHandle, start: number, end: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(end - start);
  let filled = 0;
  while (filled < buf.length) {
    const { bytesRead } = await handle.read(buf, filled, buf.length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === buf.length ? buf : buf.subarray(0, filled);
}

/** The generation in the header of an open file, or undefined if it has no readable header. */
async function readGeneration(handle: fs.FileHandle, size: number): Promise<string | undefined> {
  const head = await readRange(handle, 0, Math.min(size, 256));
  const end = head.indexOf(0x0a);
  if (end < 0) return undefined;
  try {
    return readHeader(head.toString('utf8', 0, end));
  } catch {
    return undefined;
  }
}

/** Makes the rename itself durable. Directories cannot be opened for fsync on Windows; nothing to do there. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
