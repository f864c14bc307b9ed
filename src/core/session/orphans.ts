// Attempts that another window (or a previous life of this one) left in flight in a history are marked
// interrupted (orphanSweeper.ts): at open, the newest records are looked at; later, those another window just
// wrote. This window's own attempts are never judged: their sender is alive and will complete them.
import type { HistoryChangeEvent, HistoryStore } from '../history/store';
import { OrphanSweeper } from '../orphanSweeper';
import type { Clock, Logger } from '../types';
import type { InFlightSends } from './inFlight';

/**
 * How many of the newest records are looked at for interrupted sends when a history opens. An attempt whose window
 * died is seen by every window open at the time (through its change event) and marked at its deadline (about a
 * minute after it was written with the default timeout, under five minutes with the longest). One that no window
 * marked is followed only by the sends made before its deadline, so it is among the newest when a history opens.
 */
export const ORPHAN_SCAN_DEPTH = 100;
/** A change of more records than this (another window's compaction) is not an attempt being written. */
export const ORPHAN_CHANGE_LIMIT = 50;

export class OrphanWatch {
  private readonly sweeper: OrphanSweeper;

  constructor(
    private readonly store: HistoryStore,
    private readonly inFlight: Pick<InFlightSends, 'has'>,
    clock: Clock,
    log: Logger,
  ) {
    this.sweeper = new OrphanSweeper(store, clock, log);
  }

  /** The newest records, when the history opens. */
  scan(): Promise<void> {
    return this.sweeper.check(this.store.page(0, ORPHAN_SCAN_DEPTH).filter((r) => !this.inFlight.has(r.id)));
  }

  /** The records a change touched (unless it was a rewrite of many). */
  changed(e: HistoryChangeEvent): Promise<void> {
    if (e.ids.length > ORPHAN_CHANGE_LIMIT) return Promise.resolve();
    return this.sweeper.check(e.ids.filter((id) => !this.inFlight.has(id)).map((id) => this.store.get(id)));
  }

  whenIdle(): Promise<void> {
    return this.sweeper.whenIdle();
  }

  dispose(): void {
    this.sweeper.dispose();
  }
}
