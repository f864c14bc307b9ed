// The live records in memory: by id, and in sentAt order for the newest-first views.
// Records are never mutated: a change replaces the object, so a record a caller holds stays a stable snapshot.
import type { HistoryRecord } from '../types';
import type { LogEntry } from './format';

export class RecordIndex {
  private byId = new Map<string, HistoryRecord>();
  /** Oldest first by (sentAt, id); sends are appended at the end, so inserts are nearly always a push. */
  private ordered: HistoryRecord[] = [];

  get size(): number {
    return this.byId.size;
  }

  get(id: string): HistoryRecord | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The current map; `load` and `clear` replace it rather than mutate it, so a caller can diff against it. */
  snapshot(): ReadonlyMap<string, HistoryRecord> {
    return this.byId;
  }

  /** Replaces everything with the replay of `entries` (a whole file). Sorts once instead of per insert. */
  load(entries: LogEntry[]): void {
    const byId = new Map<string, HistoryRecord>();
    for (const entry of entries) {
      if ('a' in entry) byId.set(entry.a.id, entry.a);
      else if ('u' in entry) {
        const old = byId.get(entry.u);
        if (old) byId.set(entry.u, patched(old, entry));
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
      if (old && sameRecord(old, entry.a)) return undefined;
      this.put(old, entry.a);
      return entry.a.id;
    }
    if ('u' in entry) {
      const old = this.byId.get(entry.u);
      if (!old) return undefined;
      const next = patched(old, entry);
      if (sameRecord(old, next)) return undefined;
      this.put(old, next);
      return entry.u;
    }
    const old = this.byId.get(entry.d);
    if (!old) return undefined;
    this.ordered.splice(this.indexOf(old), 1);
    this.byId.delete(entry.d);
    return entry.d;
  }

  newestFirst(): HistoryRecord[] {
    return this.ordered.slice().reverse();
  }

  oldestFirst(): readonly HistoryRecord[] {
    return this.ordered;
  }

  page(offset: number, limit: number): HistoryRecord[] {
    const start = Math.max(0, Math.floor(offset));
    const end = Math.min(this.ordered.length, start + Math.max(0, Math.floor(limit)));
    const page: HistoryRecord[] = [];
    for (let i = start; i < end; i++) page.push(this.ordered[this.ordered.length - 1 - i]);
    return page;
  }

  /** Which records to drop to get down to `max`: the oldest final ones first, then the oldest pending ones. */
  evictions(max: number): string[] {
    let excess = this.ordered.length - Math.max(0, max);
    if (excess <= 0) return [];
    const out: string[] = [];
    for (const record of this.ordered) {
      if (excess === 0) break;
      if (record.deliveryStatus !== 'pending') {
        out.push(record.id);
        excess--;
      }
    }
    for (const record of this.ordered) {
      if (excess === 0) break;
      if (record.deliveryStatus === 'pending') {
        out.push(record.id);
        excess--;
      }
    }
    return out;
  }

  private put(old: HistoryRecord | undefined, next: HistoryRecord): void {
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

  private indexOf(record: HistoryRecord): number {
    const i = this.lowerBound(record);
    if (this.ordered[i]?.id !== record.id) throw new Error(`history index out of order at ${record.id}`);
    return i;
  }

  /** First position whose record does not sort before `record`. */
  private lowerBound(record: HistoryRecord): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.ordered[mid], record) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** sentAt is ISO 8601 in UTC from toISOString, so a string compare is a time compare; id breaks ties. */
function compare(a: HistoryRecord, b: HistoryRecord): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function patched(old: HistoryRecord, entry: { u: string; p: Partial<HistoryRecord>; x?: string[] }): HistoryRecord {
  const next: Record<string, unknown> = { ...old, ...entry.p, id: old.id };
  if (entry.x) for (const key of entry.x) if (key !== 'id') delete next[key];
  return next as unknown as HistoryRecord;
}

/** Records are flat (only primitive fields), so a shallow compare is a full one. */
export function sameRecord(a: HistoryRecord, b: HistoryRecord): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of ka) if (ra[key] !== rb[key]) return false;
  return true;
}
