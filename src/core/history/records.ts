// The live records in memory: by id, and in sentAt order for the newest-first views.
// Records are never mutated: a change replaces the object, so a record a caller holds stays a stable snapshot.
// After a whole-file load most records are LazyRecords (format.ts), parsed the first time they are read.
import type { HistoryRecord } from '../types';
import { LazyRecord, LogFormatError, type LoadedEntry, type LogEntry } from './format';

type Stored = HistoryRecord | LazyRecord;

export class RecordIndex {
  private byId = new Map<string, Stored>();
  /** Oldest first by (sentAt, id); sends are appended at the end, so inserts are nearly always a push. */
  private ordered: Stored[] = [];

  /** Told when a lazily read line turns out to be damaged (the record is then left out of every answer). */
  onDamaged: (error: LogFormatError) => void = () => {};

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

  /** Replaces everything with the replay of a whole file. Sorts once instead of per insert. */
  load(entries: LoadedEntry[]): void {
    const byId = new Map<string, Stored>();
    for (const entry of entries) {
      if ('a' in entry) byId.set(entry.a.id, entry.a);
      else if ('u' in entry) {
        const old = byId.get(entry.u);
        // A damaged line under a patch throws here: the file is then treated as corrupt as a whole.
        if (old) byId.set(entry.u, patched(old instanceof LazyRecord ? old.parse() : old, entry));
      } else byId.delete(entry.d);
    }
    const ordered = [...byId.values()];
    let sorted = true;
    for (let i = 1; i < ordered.length && sorted; i++) sorted = compare(ordered[i - 1], ordered[i]) <= 0;
    if (!sorted) ordered.sort(compare);
    this.byId = byId;
    this.ordered = ordered;
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
    const old = this.byId.get(entry.d);
    if (!old) return undefined;
    this.ordered.splice(this.indexOf(old), 1);
    this.byId.delete(entry.d);
    return entry.d;
  }

  /** A record's place counted from the newest (0 is the newest), or -1; parses no unread line. */
  positionOf(id: string): number {
    const stored = this.byId.get(id);
    return stored ? this.ordered.length - 1 - this.indexOf(stored) : -1;
  }

  newestFirst(): HistoryRecord[] {
    return this.page(0, this.ordered.length);
  }

  /** Every record, oldest first; throws LogFormatError if a line is damaged (compaction must not drop it). */
  oldestFirstStrict(): HistoryRecord[] {
    return this.ordered.map((stored) => (stored instanceof LazyRecord ? this.replace(stored, stored.parse()) : stored));
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

  /** Which records to drop to get down to `max`: the oldest final ones first, then the oldest pending ones. */
  evictions(max: number): string[] {
    let excess = this.ordered.length - Math.max(0, max);
    if (excess <= 0) return [];
    const out: string[] = [];
    for (const stored of this.ordered) {
      if (excess === 0) break;
      if (stored.deliveryStatus !== 'pending') {
        out.push(stored.id);
        excess--;
      }
    }
    for (const stored of this.ordered) {
      if (excess === 0) break;
      if (stored.deliveryStatus === 'pending') {
        out.push(stored.id);
        excess--;
      }
    }
    return out;
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
      this.onDamaged(err);
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
