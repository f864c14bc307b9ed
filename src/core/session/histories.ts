// Each profile's history store, opened on first need (activation opens none): its file is followed for other
// windows' writes, its orphaned attempts are swept, and a file found unreadable or damaged is reported through
// the injected notices. A failed open does not stick: the next call tries again (the user may fix the file).
import * as path from 'node:path';
import type { HistoryCorruptError, HistoryDamage } from '../history/errors';
import { HistoryStore } from '../history/store';
import { systemClock, type Clock, type Logger } from '../types';
import type { InFlightSends } from './inFlight';
import { OrphanWatch } from './orphans';
import type { ProfileId } from './profileId';
import type { Profiles } from './profiles';

/** What the user is told about a history file; the VS Code layer words it. */
export interface HistoryNotices {
  /** The file was unreadable and set aside; a new history was started. */
  corrupted(error: HistoryCorruptError): void;
  /** Damaged lines were moved to a side file; the rest is kept. */
  damaged(damage: HistoryDamage): void;
}

/** Calls `onChange` when the file changes on disk (another window wrote it); VS Code's file watcher in the extension. */
export type WatchFile = (dir: string, fileName: string, onChange: () => void) => { dispose(): void };

export interface HistoryStoresOptions {
  dir: string;
  profiles: Profiles;
  inFlight: Pick<InFlightSends, 'has'>;
  maxMessages(): number;
  notices: HistoryNotices;
  watch?: WatchFile;
  clock?: Clock;
  log: Logger;
}

/** Several writes of another window arrive as several file events: one reload for a burst. */
const RELOAD_DEBOUNCE_MS = 200;

interface OpenHistory {
  store: Promise<HistoryStore>;
  /** Stops following the file and sweeping (set once open). */
  detach?: () => void;
}

export class HistoryStores {
  private readonly opened = new Map<ProfileId, OpenHistory>();
  private readonly listeners = new Set<(id: ProfileId) => void>();
  private readonly clock: Clock;

  constructor(private readonly options: HistoryStoresOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The profile's history, opened on first call. */
  store(id: ProfileId): Promise<HistoryStore> {
    const existing = this.opened.get(id);
    if (existing) return existing.store;
    const entry: OpenHistory = { store: this.open(id, () => entry) };
    this.opened.set(id, entry);
    entry.store.catch(() => {
      if (this.opened.get(id) === entry) this.opened.delete(id);
    });
    return entry.store;
  }

  /** A profile's history changed (a send, a delivery update, another window's write...). */
  onDidChange(listener: (id: ProfileId) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The `maxMessages` setting changed: applied to the open histories. */
  applySettings(): void {
    const max = this.options.maxMessages();
    for (const entry of this.opened.values()) void entry.store.then((store) => store.setMaxMessages(max)).catch(() => undefined);
  }

  /**
   * Stops following the profile's file and forgets its store (the next call opens it again); resolves to the store
   * that was open, for the caller to close once the writes it still owes are queued.
   */
  detach(id: ProfileId): Promise<HistoryStore> | undefined {
    const entry = this.opened.get(id);
    this.opened.delete(id);
    entry?.detach?.();
    return entry?.store;
  }

  private async open(id: ProfileId, entry: () => OpenHistory): Promise<HistoryStore> {
    const { dir, log, notices } = this.options;
    const fileName = this.options.profiles.get(id).historyFile;
    const store = await HistoryStore.open({ dir, fileName, maxMessages: this.options.maxMessages(), logger: log });
    const orphans = new OrphanWatch(store, this.options.inFlight, this.clock, log);
    const subscription = store.onDidChange((e) => {
      if (e.corruption) this.reportCorruption(e.corruption);
      if (e.damage) notices.damaged(e.damage);
      void orphans.changed(e);
      for (const listener of [...this.listeners]) listener(id);
    });
    // Another window may write the same file (it sends or its poller updates a record): follow it.
    let debounce: unknown;
    const reload = () => {
      this.clock.clearTimeout(debounce);
      debounce = this.clock.setTimeout(() => void store.reload().catch((e: Error) => log.warn(`History reload: ${e.message}`)), RELOAD_DEBOUNCE_MS);
    };
    const watcher = this.options.watch?.(dir, fileName, reload);
    const detach = () => {
      this.clock.clearTimeout(debounce);
      watcher?.dispose();
      subscription.dispose();
      orphans.dispose();
    };
    // Closed (detached) while it was opening: nothing to follow.
    if (this.opened.get(id) !== entry()) detach();
    else entry().detach = detach;
    if (store.corruption) this.reportCorruption(store.corruption);
    if (store.damage) notices.damaged(store.damage);
    void orphans.scan();
    log.info(`History opened: ${path.join(dir, fileName)} (${store.size} messages).`);
    return store;
  }

  private reportCorruption(error: HistoryCorruptError): void {
    this.options.log.error(error.message);
    this.options.notices.corrupted(error);
  }
}
