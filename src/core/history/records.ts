// The live records in memory: by id, and in sentAt order for the newest-first views.
// Records are never mutated: a change replaces the object, so a record a caller holds stays a stable snapshot.
// After a whole-file load most records are LazyRecords (format.ts), parsed the first time they are read. One
// that turns out damaged is left out of every answer and reported (onDamaged); it leaves the index only once the
// store has kept its bytes in a side file (parseAll, drop).
import type { HistoryRecord } from '../types';
import { LazyRecord, LogFormatError, type DamagedLine, type LoadedEntry, type LogEntry } from './format';

type Stored = HistoryRecord | LazyRecord;

export class RecordIndex {
  private byId = new Map<string, Stored>();
  /** Oldest first by (sentAt, id); sends are appended at the end, so inserts are nearly always a push. */
  private ordered: Stored[] = [];
  private readonly reported = new WeakSet<LazyRecord>();

  /** Told when a lazily read line turns out to be damaged (the record is then left out of every answer). */
  onDamaged: (line: DamagedLine) => void = () => {};

  get size(): number {
    return this.byId.size;
  }

  get(id: string): HistoryRecord | undefined {
    const stored = this.byId.get(id);
    return stored && this.materialise(stored);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The current map; `load` and `clear` replace it rather than mutate it, so a caller can diff against it. */
  snapshot(): ReadonlyMap<string, Stored> {
    return this.byId;
  }

  /**
   * Replaces everything with the replay of a whole file. Sorts once instead of per insert. Returns the lines
   * found damaged on the way: a record line a patch had to read (that record is left out), and the patches of
   * a record whose line was damaged (`orphan` tells where they came from).
   */
  load(entries: LoadedEntry[], orphan: (entry: LoadedEntry, reason: string) => DamagedLine | undefined): DamagedLine[] {
    const byId = new Map<string, Stored>();
    const damaged: DamagedLine[] = [];
    for (const entry of entries) {
      if ('a' in entry) byId.set(entry.a.id, entry.a);
      else if ('u' in entry) {
        const old = byId.get(entry.u);
        if (!old) {
          // The store patches only records it has (checked under the lock): the record's line was damaged.
          const line = orphan(entry, ORPHAN_PATCH);
          if (line) damaged.push(line);
          continue;
        }
        try {
          byId.set(entry.u, patched(old instanceof LazyRecord ? old.parse() : old, entry));
        } catch (err) {
          if (!(err instanceof LogFormatError) || !(old instanceof LazyRecord)) throw err;
          damaged.push(old.damaged(err.message));
          const line = orphan(entry, ORPHAN_PATCH);
          if (line) damaged.push(line);
          byId.delete(entry.u);
        }
      } else byId.delete(entry.d);
    }
    const ordered = [...byId.values()];
    let sorted = true;
    for (let i = 1; i < ordered.length && sorted; i++) sorted = compare(ordered[i - 1], ordered[i]) <= 0;
    if (!sorted) ordered.sort(compare);
    this.byId = byId;
    this.ordered = ordered;
    return damaged;
  }

  clear(): void {
    this.byId = new Map();
    this.ordered = [];
  }

  /** Applies one entry; returns the id it changed, or undefined when it changed nothing (e.g. a replay). */
  apply(entry: LogEntry): string | undefined {
    if ('a' in entry) {
      const old = this.byId.get(entry.a.id);
      const oldRecord = old && this.materialise(old);
      if (oldRecord && sameRecord(oldRecord, entry.a)) return undefined;
      this.put(old, entry.a);
      return entry.a.id;
    }
    if ('u' in entry) {
      const old = this.byId.get(entry.u);
      const oldRecord = old && this.materialise(old);
      if (!old || !oldRecord) return undefined;
      const next = patched(oldRecord, entry);
      if (sameRecord(oldRecord, next)) return undefined;
      this.put(old, next);
      return entry.u;
    }
    return this.drop(entry.d) ? entry.d : undefined;
  }

  /** Removes a record; true if it was there. */
  drop(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.ordered.splice(this.indexOf(old), 1);
    this.byId.delete(id);
    return true;
  }

  /** A record's place counted from the newest (0 is the newest), or -1; parses no unread line. */
  positionOf(id: string): number {
    const stored = this.byId.get(id);
    return stored ? this.ordered.length - 1 - this.indexOf(stored) : -1;
  }

  newestFirst(): HistoryRecord[] {
    return this.page(0, this.ordered.length);
  }

  /**
   * Every readable record, oldest first, and the damaged lines among those not read yet (for a compaction,
   * which must keep those somewhere before it writes a file without them). Changes nothing but parsing.
   */
  parseAll(): { records: HistoryRecord[]; damaged: DamagedLine[] } {
    const records: HistoryRecord[] = [];
    const damaged: DamagedLine[] = [];
    for (const stored of [...this.ordered]) {
      if (!(stored instanceof LazyRecord)) {
        records.push(stored);
        continue;
      }
      try {
        records.push(this.replace(stored, stored.parse()));
      } catch (err) {
        if (!(err instanceof LogFormatError)) throw err;
        damaged.push(stored.damaged(err.message));
      }
    }
    return { records, damaged };
  }

  pending(): HistoryRecord[] {
    const out: HistoryRecord[] = [];
    for (const stored of this.ordered) {
      if (stored.deliveryStatus !== 'pending') continue;
      const record = this.materialise(stored);
      if (record) out.push(record);
    }
    return out;
  }

  page(offset: number, limit: number): HistoryRecord[] {
    const start = Math.max(0, Math.floor(offset));
    const end = Math.min(this.ordered.length, start + Math.max(0, Math.floor(limit)));
    const page: HistoryRecord[] = [];
    for (let i = start; i < end; i++) {
      const record = this.materialise(this.ordered[this.ordered.length - 1 - i]);
      if (record) page.push(record);
    }
    return page;
  }

  /**
   * Which records to drop to get down to `max`: the oldest settled ones first (delivered, failed, rejected,
   * expired, or sent without tracking), then the oldest of the user's evidence (`unknown` sends and pending
   * deliveries). A record without a delivery status is parsed to read its send status.
   */
  evictions(max: number): string[] {
    const excess = this.ordered.length - Math.max(0, max);
    if (excess <= 0) return [];
    const settled: string[] = [];
    const evidence: string[] = [];
    for (const stored of this.ordered) {
      if (settled.length === excess) break;
      const isSettled = this.isSettled(stored);
      if (isSettled === true) settled.push(stored.id);
      else if (isSettled === false && evidence.length < excess) evidence.push(stored.id);
      // undefined: a damaged line, set aside by the store rather than evicted
    }
    return [...settled, ...evidence.slice(0, excess - settled.length)];
  }

  /** Undefined when the record's line turns out damaged. */
  private isSettled(stored: Stored): boolean | undefined {
    if (stored.deliveryStatus !== undefined) return stored.deliveryStatus !== 'pending';
    const record = this.materialise(stored);
    return record && record.sendStatus !== 'unknown';
  }

  /** Adds to `changed` the ids that differ between two snapshots (unparsed lines compared byte for byte). */
  diff(before: ReadonlyMap<string, Stored>, changed: Set<string>): void {
    for (const [id, stored] of this.byId) {
      const old = before.get(id);
      if (!old) changed.add(id);
      else if (old instanceof LazyRecord && stored instanceof LazyRecord) {
        if (!old.sameBytes(stored)) changed.add(id);
      } else {
        const a = this.materialise(old);
        const b = this.materialise(stored);
        if (!a || !b || !sameRecord(a, b)) changed.add(id);
      }
    }
    for (const id of before.keys()) if (!this.byId.has(id)) changed.add(id);
  }

  private materialise(stored: Stored): HistoryRecord | undefined {
    if (!(stored instanceof LazyRecord)) return stored;
    try {
      return this.replace(stored, stored.parse());
    } catch (err) {
      if (!(err instanceof LogFormatError)) throw err;
      // Told once per line, however often a view asks for it before the store has moved it out.
      if (!this.reported.has(stored)) {
        this.reported.add(stored);
        this.onDamaged(stored.damaged(err.message));
      }
      return undefined;
    }
  }

  /** Swaps a parsed record in for its lazy form (same id and sentAt, so the same place). */
  private replace(lazy: LazyRecord, record: HistoryRecord): HistoryRecord {
    if (this.byId.get(lazy.id) === lazy) {
      this.ordered[this.indexOf(lazy)] = record;
      this.byId.set(lazy.id, record);
    }
    return record;
  }

  private put(old: Stored | undefined, next: HistoryRecord): void {
    if (old && old.sentAt === next.sentAt) {
      this.ordered[this.indexOf(old)] = next;
    } else {
      if (old) this.ordered.splice(this.indexOf(old), 1);
      const last = this.ordered[this.ordered.length - 1];
      if (!last || compare(last, next) <= 0) this.ordered.push(next);
      else this.ordered.splice(this.lowerBound(next), 0, next);
    }
    this.byId.set(next.id, next);
  }

  private indexOf(stored: Stored): number {
    const i = this.lowerBound(stored);
    if (this.ordered[i]?.id !== stored.id) throw new Error(`history index out of order at ${stored.id}`);
    return i;
  }

  /** First position whose record does not sort before `key`. */
  private lowerBound(key: Stored): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.ordered[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Why a patch line goes to the side file with the damaged line of its record. */
export const ORPHAN_PATCH = 'a change to a record whose line is damaged';

/** sentAt is ISO 8601 in UTC from toISOString, so a string compare is a time compare; id breaks ties. */
function compare(a: Stored, b: Stored): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function patched(old: HistoryRecord, entry: { u: string; p: Partial<HistoryRecord>; x?: string[] }): HistoryRecord {
  const next: Record<string, unknown> = { ...old, ...entry.p, id: old.id };
  if (entry.x) for (const key of entry.x) if (key !== 'id') delete next[key];
  return next as unknown as HistoryRecord;
}

/**
 * Field by field; the few structured fields (events, wire) are plain JSON, compared by their JSON text, so a
 * replayed patch that rewrites the same list is still no change.
 */
export function sameRecord(a: HistoryRecord, b: HistoryRecord): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of ka) {
    const x = ra[key];
    const y = rb[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}
