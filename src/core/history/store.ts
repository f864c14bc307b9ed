// The history of sent messages, in one JSON Lines file per mode (format.ts), mirrored in memory.
//
// Writes go through one queue (never two at once from this window) and hold a lock file (never two at once
// across windows). Each write first catches up with what other windows appended, then appends its own lines.
// A window paused longer than the lock's stale time can lose the lock to another one: it checks the lock's owner
// token before it appends or renames, and verifies each append afterwards (see append and replaceFile).
// A crash mid-append leaves at most a cut-short last line: under the lock it is completed when it is a whole entry
// that only lacks its newline, else moved to a side file and cut off (handleCutShortLine).
// A damaged line in the middle hides only its own record: it is moved to a side file (sideFiles.ts), the rest
// stays. Rewrites (compaction, clear) go to a temporary file that is fsync'ed and renamed over the old one, so
// a crash leaves either the old file or the new one. Appends are not fsync'ed: a killed process loses nothing
// (the kernel has the bytes); only a power cut can lose the last few sends.
import { promises as fs, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { HistoryRecord, Logger } from '../types';
import { silentLogger } from '../types';
import { HistoryCorruptError, HistoryDamage } from './errors';
import { encodeEntry, headerLine, LogFormatError, parseChunk, readHeader, type DamagedLine, type LogEntry, type ParsedChunk } from './format';
import { newRecordId } from './ids';
import { LockLostError, withFileLock, type HeldLock } from './lock';
import { ORPHAN_PATCH, patched, RecordIndex, sameRecord } from './records';
import { keepDamagedLines, moveAside, syncDirectory } from './sideFiles';

export interface HistoryStoreOptions {
  /** Directory of the file; created if missing. */
  dir: string;
  /** Default `history.jsonl`. */
  fileName?: string;
  /** Default 10000; the oldest settled records go first, `unknown` and pending ones last. */
  maxMessages?: number;
  logger?: Logger;
  /** How long another window's lock may go unrefreshed before it is taken over (lock.ts); tests shorten it. */
  lockStaleMs?: number;
}

export interface HistoryChangeEvent {
  /** Records added, changed or removed (by this window or, after `reload`, by another one). */
  ids: string[];
  /** Set when the file was found unreadable and moved aside during this change. */
  corruption?: HistoryCorruptError;
  /** Set when damaged lines were moved to a side file during this change (records found damaged are in `ids`). */
  damage?: HistoryDamage;
}

export type NewHistoryRecord = Omit<HistoryRecord, 'id'> & { id?: string };

export const DEFAULT_MAX_MESSAGES = 10_000;

/** Times an operation starts again after finding its lock taken over, before it gives up with the error. */
const MAX_LOCK_LOSSES = 5;

/** Compact when the log holds this many more entries than twice the live records. */
const COMPACTION_SLACK = 1_000;

type CatchUp = 'done' | 'needs-lock';

/** What readNew found; only a chunk carries lines to replay. */
type ChunkRead = { kind: 'chunk'; whole: boolean; start: number; fileId: string; parsed: ParsedChunk };
type LogRead = ChunkRead | { kind: 'missing' } | { kind: 'empty' } | { kind: 'unchanged' } | { kind: 'not-ours'; reason: string };

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
  /** Complete lines up to `offset` (the header included), to number the lines of the next chunk. */
  private lineCount = 0;
  /** Entries in the file, to decide when compacting pays off. */
  private entryCount = 0;
  private warnedPartialAt = -1;
  private lastCorruption: HistoryCorruptError | undefined;
  private unreportedCorruption: HistoryCorruptError | undefined;
  private lastDamage: HistoryDamage | undefined;
  private unreportedDamage: HistoryDamage | undefined;
  /** Damaged lines of the file read so far, not yet in a side file: skipped, and kept by the next rewrite. */
  private damagedLines: DamagedLine[] = [];
  /** Damage was found and no move to a side file was tried since (see repairDamage). */
  private repairDue = false;
  private repairQueued = false;
  /** Ids changed since the last event (operations run one at a time, so one set serves them all). */
  private readonly changed = new Set<string>();
  /** The entry count at the last failed compaction (see compactIfWorthIt). */
  private compactionFailedAt = -Infinity;

  private readonly lockStaleMs: number | undefined;
  /** The lock while this window holds it (see `locked`). */
  private heldLock: HeldLock | undefined;

  private constructor(file: string, maxMessages: number, logger: Logger, lockStaleMs?: number) {
    this.lockStaleMs = lockStaleMs;
    this.path = file;
    this.dir = path.dirname(file);
    this.lockPath = `${file}.lock`;
    this.maxMessages = maxMessages;
    this.logger = logger;
    this.index.onDamaged = () => this.onDamagedLine();
  }

  static async open(options: HistoryStoreOptions): Promise<HistoryStore> {
    const dir = path.resolve(options.dir);
    await fs.mkdir(dir, { recursive: true });
    const store = new HistoryStore(
      path.join(dir, options.fileName ?? 'history.jsonl'),
      options.maxMessages ?? DEFAULT_MAX_MESSAGES,
      options.logger ?? silentLogger,
      options.lockStaleMs,
    );
    await store.serial(() => store.init());
    return store;
  }

  /** The error of the last time the file was found unreadable and moved aside (at open or reload). */
  get corruption(): HistoryCorruptError | undefined {
    return this.lastCorruption;
  }

  /** The last time damaged lines were moved to a side file (at open or later; later ones come with an event too). */
  get damage(): HistoryDamage | undefined {
    return this.lastDamage;
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

  /** Changes the cap; drops the oldest settled records at once if the history is over it (records.ts: evictions). */
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
    // Reported through `corruption` and `damage` to whoever opened the store.
    this.unreportedCorruption = undefined;
    this.unreportedDamage = undefined;
  }

  private mutate<T>(build: () => { entries: LogEntry[]; result: () => T }): Promise<T> {
    return this.serial(async () => {
      this.assertOpen();
      let op: { entries: LogEntry[]; result: () => T } | undefined;
      let mayHaveWritten = false;
      try {
        return await this.locked(async () => {
          await this.catchUp(true);
          // After a lost lock the operation is built again on what the file now holds, unless its lines may
          // already be in the file: those are written again as they were (every entry is idempotent), so a retry
          // never makes a second record.
          if (!op || !mayHaveWritten) op = build();
          if (op.entries.length > 0) {
            try {
              await this.append(op.entries);
            } catch (err) {
              if (err instanceof LockLostError && err.mayHaveWritten) mayHaveWritten = true;
              throw err;
            }
          }
          await this.compactIfWorthIt();
          return op.result();
        });
      } finally {
        this.emit();
      }
    });
  }

  /**
   * Appends entries under the lock and makes sure they are in the history file, not in one another window has
   * replaced meanwhile. A window frozen longer than the lock's stale time (a debugger pause) may have lost the lock
   * between its check and its write; so after writing it checks that the file it wrote to is still the history and
   * that nobody else wrote beside it. Lines of another window found there are read, never taken for damage; lines
   * that went to a replaced file throw LockLostError, and the operation writes them again under a new lock.
   */
  private async append(entries: LogEntry[]): Promise<void> {
    await this.ensureHeld();
    const text = entries.map(encodeEntry).join('');
    const bytes = Buffer.byteLength(text);
    const start = this.offset;
    const handle = await fs.open(this.path, 'a');
    let wrote: Stats;
    try {
      await handle.writeFile(text);
      wrote = await handle.stat();
    } finally {
      await handle.close();
    }
    const now = await fs.stat(this.path).catch(() => undefined);
    const sameFile = now !== undefined && now.dev === wrote.dev && now.ino === wrote.ino && `${now.dev}:${now.ino}` === this.fileId;
    if (!sameFile) throw new LockLostError('the history file was replaced by another window while this one was paused', true);
    if (wrote.size === start + bytes) {
      // Nobody wrote beside us: memory follows without reading the file again.
      this.offset += bytes;
      this.lineCount += entries.length;
      this.entryCount += entries.length;
      for (const entry of entries) {
        const id = this.index.apply(entry);
        if (id !== undefined) this.changed.add(id);
      }
      return;
    }
    // Another window wrote too (one that had lost the lock, or took it over from this one): read everything from
    // where this window was, its own lines included.
    this.logger.warn('History: another window wrote while this one held the lock (one of them was paused); reading the file again.');
    const read = await this.readNew();
    if (read.kind !== 'chunk' || read.whole) throw new LockLostError('the history file was replaced by another window while this one was paused', true);
    this.replay(read);
  }

  /** Throws LockLostError when the lock this window holds has been taken over (it was paused too long). */
  private async ensureHeld(): Promise<void> {
    if (this.heldLock && !(await this.heldLock.isHeld())) throw new LockLostError();
  }

  /**
   * Rewrites the log when superseded lines pile up. It runs after an append that has landed: a failure here
   * (disk full, a name too long for the temporary file...) is logged and never reaches the caller, whose record
   * is saved. The next try waits until the log has grown by another COMPACTION_SLACK entries.
   */
  private async compactIfWorthIt(): Promise<void> {
    const threshold = Math.max(2 * this.index.size + COMPACTION_SLACK, this.compactionFailedAt + COMPACTION_SLACK);
    if (this.entryCount <= threshold) return;
    try {
      await this.rewrite();
      this.compactionFailedAt = -Infinity;
    } catch (err) {
      // The lock was taken over: the records are saved, the next write compacts.
      if (err instanceof LockLostError) return;
      this.compactionFailedAt = this.entryCount;
      this.logger.error(`History: could not compact ${this.path} (the records are saved): ${(err as Error).message}`);
    }
  }

  /**
   * Replays what is new in the file into memory, adding the ids that changed to `changed`. Without the lock it
   * only reads; what needs the lock (creating the file, setting aside one that is not ours, removing a cut-short
   * last line, moving damaged lines out) is left for a locked call, signalled by 'needs-lock'.
   */
  private async catchUp(locked: boolean): Promise<CatchUp> {
    const read = await this.readNew();
    if (read.kind === 'missing' || read.kind === 'empty' || read.kind === 'not-ours') {
      if (!locked) return 'needs-lock';
      if (read.kind === 'not-ours') await this.setAside(read.reason);
      else await this.startNewFile();
      return 'done';
    }
    if (read.kind === 'chunk') {
      this.replay(read);
      if (read.parsed.partialBytes > 0) {
        if (!locked) {
          this.warnPartial(read.parsed.partialBytes);
          return 'needs-lock';
        }
        // A whole entry that only lacked its newline is completed: read on to take it in.
        if (await this.handleCutShortLine()) return this.catchUp(locked);
      }
    }
    return this.repairDamage(locked);
  }

  /** What the file holds beyond what memory has replayed: the whole file if it was replaced, else its tail. */
  private async readNew(): Promise<LogRead> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw err;
    }
    try {
      const stat = await handle.stat();
      const fileId = `${stat.dev}:${stat.ino}`;
      // Another window's compaction or clear replaced the file: replay it whole.
      const whole =
        fileId !== this.fileId || stat.size < this.offset || (await readGeneration(handle, stat.size)) !== this.generation;
      const start = whole ? 0 : this.offset;
      if (!whole && stat.size === start) return { kind: 'unchanged' };
      const buf = await readRange(handle, start, stat.size);
      let parsed: ParsedChunk;
      try {
        parsed = parseChunk(buf, whole, whole, whole ? 1 : this.lineCount + 1);
      } catch (err) {
        if (err instanceof LogFormatError) return { kind: 'not-ours', reason: err.message };
        throw err;
      }
      return whole && parsed.generation === undefined ? { kind: 'empty' } : { kind: 'chunk', whole, start, fileId, parsed };
    } finally {
      await handle.close();
    }
  }

  /** Applies what readNew read to memory and moves the read position past it. */
  private replay(read: ChunkRead): void {
    const { parsed } = read;
    let damaged = parsed.damaged;
    if (read.whole) {
      const before = this.index.snapshot();
      damaged = [...damaged, ...this.index.load(parsed.entries, parsed.patchLine)];
      // Nobody can listen before open returns: skip the diff of the first load.
      if (this.listeners.size > 0) this.index.diff(before, this.changed);
      this.generation = parsed.generation;
      this.entryCount = parsed.entries.length;
      this.lineCount = parsed.lines;
      this.damagedLines = damaged;
    } else {
      damaged = [...damaged];
      for (const entry of parsed.entries as LogEntry[]) {
        if ('u' in entry && !this.index.get(entry.u)) {
          const orphan = parsed.patchLine(entry, ORPHAN_PATCH);
          if (orphan) damaged.push(orphan);
          continue;
        }
        const id = this.index.apply(entry);
        if (id !== undefined) this.changed.add(id);
      }
      this.entryCount += parsed.entries.length;
      this.lineCount += parsed.lines;
      this.damagedLines.push(...damaged);
    }
    if (damaged.length > 0) this.repairDue = true;
    this.fileId = read.fileId;
    this.offset = read.start + parsed.consumedBytes;
  }

  /** Bytes after the last newline, seen without the lock: an append in progress, or the remains of a crash. */
  private warnPartial(bytes: number): void {
    if (this.warnedPartialAt === this.offset) return;
    this.warnedPartialAt = this.offset;
    this.logger.warn(`History: the last line (${bytes} bytes) has no newline yet, from an interrupted write or one in progress.`);
  }

  /**
   * Under the lock, bytes after the last newline are not a write in progress. A whole entry that only lacks its
   * newline (a write stopped between the line and its end, an editor that drops the final newline) gets its
   * newline and is kept: returns true. Anything else is the start of a line that was never finished: it is written
   * to a side file like a damaged line, with the notice, then cut off (an append after it would glue onto it).
   */
  private async handleCutShortLine(): Promise<boolean> {
    const handle = await fs.open(this.path, 'r');
    let tail: Buffer;
    try {
      tail = await readRange(handle, this.offset, (await handle.stat()).size);
    } finally {
      await handle.close();
    }
    if (tail.length === 0) return false;
    const line = this.lineCount + 1;
    const parsed = parseChunk(Buffer.concat([tail, Buffer.from('\n')]), false, false, line);
    await this.ensureHeld();
    if (parsed.entries.length === 1 && parsed.damaged.length === 0) {
      this.logger.warn(`History: line ${line} lacked its final newline; it was completed and kept.`);
      await fs.appendFile(this.path, '\n');
      return true;
    }
    const sideFile = await keepDamagedLines(this.path, [{ line, bytes: tail, reason: `line ${line}: cut short` }]);
    await this.ensureHeld();
    await fs.truncate(this.path, this.offset);
    const damage = new HistoryDamage(sideFile, [line]);
    this.lastDamage = damage;
    this.unreportedDamage = damage;
    this.logger.warn(`${damage.message} (it was cut short by an interrupted write)`);
    return false;
  }

  /**
   * Moves the damaged lines found so far to a side file, by a rewrite without them. Until then they are only
   * skipped. A failure is logged, not thrown (the caller's write can go on) and not retried until new damage.
   */
  private async repairDamage(locked: boolean): Promise<CatchUp> {
    if (!this.repairDue) return 'done';
    if (!locked) return 'needs-lock';
    this.repairDue = false;
    try {
      await this.rewrite();
    } catch (err) {
      if (err instanceof LockLostError) {
        this.repairDue = true;
        throw err;
      }
      this.logger.error(`History: could not move damaged lines out of ${this.path} (they are skipped): ${(err as Error).message}`);
    }
    return 'done';
  }

  /** No file (first run, or deleted by hand) or an empty one (made by hand): a new history, header first. */
  private async startNewFile(): Promise<void> {
    for (const id of this.index.ids()) this.changed.add(id);
    this.index.clear();
    this.damagedLines = [];
    // No file of ours to compare with before the rename (replaceFile).
    this.fileId = undefined;
    await this.rewrite();
  }

  /** Moves a file that is not ours (its header) aside, never overwriting anything, and starts an empty history. */
  private async setAside(reason: string): Promise<void> {
    const aside = await moveAside(this.path);
    // Reported before the new file is written, which can fail (then the next write starts it).
    const error = new HistoryCorruptError(aside, reason);
    this.lastCorruption = error;
    this.unreportedCorruption = error;
    this.logger.error(`History: ${error.message}`);
    await this.startNewFile();
  }

  /**
   * Writes the live records as a new file. Damaged lines (known, or found now among the records not read yet)
   * are written to a side file first: a compaction never drops a byte it could not read.
   */
  private async rewrite(): Promise<void> {
    const { records, damaged: found } = this.index.parseAll();
    const damaged = [...this.damagedLines, ...found].sort((a, b) => a.line - b.line);
    const sideFile = damaged.length > 0 ? await keepDamagedLines(this.path, damaged) : undefined;
    const generation = randomBytes(8).toString('hex');
    const text = headerLine(generation) + records.map((record) => encodeEntry({ a: record })).join('');
    this.fileId = await this.replaceFile(text);
    this.generation = generation;
    this.offset = Buffer.byteLength(text);
    this.entryCount = records.length;
    this.lineCount = records.length + 1;
    this.damagedLines = [];
    if (sideFile) {
      for (const line of found) if (line.id !== undefined && this.index.drop(line.id)) this.changed.add(line.id);
      const damage = new HistoryDamage(sideFile, damaged.map((l) => l.line));
      this.lastDamage = damage;
      this.unreportedDamage = damage;
      this.logger.warn(damage.message);
    }
  }

  /**
   * Temporary file, fsync, rename over the history: a crash leaves the old file or the new one. Returns its id.
   * Renames only over the file this window has read, all of it (lines another window wrote since would go with
   * it), and only while it holds the lock; lines that reach the old file after that check (a window frozen in its
   * append) are carried over to the new one.
   */
  private async replaceFile(text: string): Promise<string> {
    const temp = `${this.path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    let old: fs.FileHandle | undefined;
    let checked = 0;
    try {
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.ensureHeld();
      old = await fs.open(this.path, 'r').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (old) {
        const stat = await old.stat();
        if (this.fileId !== undefined && (`${stat.dev}:${stat.ino}` !== this.fileId || stat.size !== this.offset)) {
          throw new LockLostError('another window wrote to the history while this one held the lock (one of them was paused)');
        }
        checked = stat.size;
      }
      await fs.rename(temp, this.path);
    } catch (err) {
      await old?.close();
      await fs.unlink(temp).catch(() => undefined);
      throw err;
    }
    if (old) {
      try {
        const after = await old.stat();
        if (after.size > checked) {
          await fs.appendFile(this.path, await readRange(old, checked, after.size));
          this.logger.warn(`History: carried over ${after.size - checked} bytes another window appended during a rewrite.`);
        }
      } finally {
        await old.close();
      }
    }
    await syncDirectory(this.dir);
    const stat = await fs.stat(this.path);
    return `${stat.dev}:${stat.ino}`;
  }

  /** A line read lazily (a record shown) turned out damaged: move it out as at load, through the queue. */
  private onDamagedLine(): void {
    this.repairDue = true;
    if (this.repairQueued) return;
    this.repairQueued = true;
    this.serial(async () => {
      this.repairQueued = false;
      if (this.closed) return;
      try {
        await this.locked(() => this.catchUp(true));
      } finally {
        this.emit();
      }
    }).catch((err: unknown) => this.logger.error(`History: could not move a damaged line out: ${(err as Error).message}`));
  }

  private async leftoverTemps(): Promise<string[]> {
    const prefix = `${path.basename(this.path)}.tmp-`;
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.startsWith(prefix)).map((n) => path.join(this.dir, n));
  }

  /**
   * Runs `fn` holding the lock file. When the lock turns out to have been taken over (this window was paused
   * longer than its stale time), `fn` runs again under a new lock, after reading the file again (every `fn`
   * here starts with a catch-up), up to MAX_LOCK_LOSSES times.
   */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const options = this.lockStaleMs === undefined ? {} : { staleMs: this.lockStaleMs };
    for (let losses = 0; ; losses++) {
      try {
        return await withFileLock(this.lockPath, async (lock) => {
          this.heldLock = lock;
          try {
            return await fn();
          } finally {
            this.heldLock = undefined;
          }
        }, options);
      } catch (err) {
        if (!(err instanceof LockLostError) || losses >= MAX_LOCK_LOSSES) throw err;
        this.logger.warn(`History: ${err.message}; reading the file again and writing under a new lock.`);
      }
    }
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
    const damage = this.unreportedDamage;
    if (this.changed.size === 0 && !corruption && !damage) return;
    this.unreportedCorruption = undefined;
    this.unreportedDamage = undefined;
    const event: HistoryChangeEvent = { ids: [...this.changed] };
    this.changed.clear();
    if (corruption) event.corruption = corruption;
    if (damage) event.damage = damage;
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

function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
