// Marks interrupted the send attempts whose window went away (attempt.ts explains the deadline). One per open
// history store: shown records, the newest ones at open and the ones another window just wrote are handed to
// `check`; those past their deadline are marked at once, and one timer waits for the earliest deadline still to
// come. The timer exists only while an attempt is in flight somewhere, so an idle window arms none.
// Nothing is ever resent: an interrupted record only says that it may have gone through.
import { interruptedPatch, isOrphaned } from './attempt';
import type { HistoryStore } from './history/store';
import type { Clock, HistoryRecord, Logger } from './types';

export class OrphanSweeper {
  /** In-flight records seen, by id, with their deadline (ms). */
  private readonly watched = new Map<string, number>();
  private timer: unknown;
  private timerAt = Infinity;
  private disposed = false;
  private marking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<HistoryStore, 'get' | 'update'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Looks at these records: marks the orphans now, waits for the deadline of those still in flight. */
  check(records: Iterable<HistoryRecord | undefined>): Promise<void> {
    const now = this.clock.now();
    const marks: Promise<void>[] = [];
    for (const record of records) {
      if (!record || record.inFlight !== true) continue;
      if (isOrphaned(record, now)) marks.push(this.mark(record.id));
      else this.watched.set(record.id, Date.parse(record.inFlightUntil ?? ''));
    }
    this.arm();
    const done = Promise.all(marks).then(() => undefined);
    this.marking = Promise.all([this.marking, done]);
    return done;
  }

  /** Resolves once the marks started so far are written (or have failed and been logged). */
  async whenIdle(): Promise<void> {
    await this.marking;
  }

  dispose(): void {
    this.disposed = true;
    this.watched.clear();
    this.disarm();
  }

  private async mark(id: string): Promise<void> {
    this.watched.delete(id);
    const now = this.clock.now();
    try {
      // Decided again under the store's lock, on the record as it is in the file: an answer that came meanwhile wins.
      const marked = await this.store.update(id, interruptedPatch(new Date(now).toISOString()), (current) => isOrphaned(current, now));
      if (marked) this.logger.warn(`History: the send ${id} to ${marked.to} was interrupted before its answer came; it may have gone through.`);
    } catch (error) {
      this.logger.warn(`History: could not mark the interrupted send ${id}: ${(error as Error).message}`);
    }
  }

  private arm(): void {
    let earliest = Infinity;
    for (const until of this.watched.values()) earliest = Math.min(earliest, until);
    if (earliest === this.timerAt) return;
    this.disarm();
    if (this.disposed || earliest === Infinity) return;
    this.timerAt = earliest;
    // Just past the deadline: isOrphaned is strict.
    this.timer = this.clock.setTimeout(() => this.due(), Math.max(0, earliest - this.clock.now() + 1));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private due(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.disposed) return;
    const ids = [...this.watched.keys()];
    this.watched.clear();
    // Looked up again: most were completed by their window in time and are no longer in flight.
    void this.check(ids.map((id) => this.store.get(id)));
  }
}
