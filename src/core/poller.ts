// Polls `delivery.asp` for accepted messages until each gets a final report or expires.
//
// The store is the source of truth: a record's next check is computed from its sentAt, lastCheckedAt and
// checks, so a restarted window (or a second one that reloaded the file) resumes the same schedule. One timer
// is armed for the earliest due record, none when nothing is pending, and at most `concurrency` checks run.
import { eventsAfter } from './history/events';
import { backoffDelayMs } from './backoff';
import type { HistoryStore } from './history/store';
import { redactToken } from './redact';
import { systemClock, silentLogger, type Clock, type DeliveryAnswer, type DeliveryChecker, type HistoryRecord, type Logger } from './types';

export interface DeliveryPollerOptions {
  store: HistoryStore;
  checker: DeliveryChecker;
  clock?: Clock;
  /** Delay from sentAt to the first check; later checks back off from it. */
  intervalSeconds: number;
  /** After this long since sentAt a message still without a report is marked `expired`. */
  giveUpAfterHours: number;
  /** Checks in flight at once (default 4). */
  concurrency?: number;
  /** Upper bound of the backoff (default 15 minutes). */
  maxIntervalSeconds?: number;
  logger?: Logger;
  /** Called once a record reaches delivered, failed or expired through this poller. */
  onFinal?: (record: HistoryRecord) => void;
}

/** What `checkNow` did: how many checks ran, and which of them could not reach an answer (and why). */
export interface DeliveryCheckSummary {
  checked: number;
  failed: Array<{ id: string; error: string }>;
}

/** How one record's awaited check ended: an answer (or none needed), an error, or no check at all. */
type CheckResult = { ran: true; error?: string } | { ran: false };

/** See DeliveryPoller.activity. */
export type PollerActivity = 'stopped' | 'idle' | 'scheduled' | 'checking';

export interface DeliverySettings {
  intervalSeconds?: number;
  giveUpAfterHours?: number;
}

/** Node's timers fire at once for delays above this; a longer wait is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Only accepted messages get delivery reports (docs/api.md: never poll rejected ones). Another client's sandbox
 * sends (`origin: 'app'`) are not polled: the sandbox reports their outcome itself, and a check of ours would show
 * in the request log as traffic the user's app never made.
 */
export function isPollable(record: HistoryRecord): boolean {
  return record.sendStatus === 'sent' && !!record.messageId && record.deliveryStatus === 'pending' && record.origin !== 'app';
}

export class DeliveryPoller {
  private readonly store: HistoryStore;
  private readonly checker: DeliveryChecker;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly maxIntervalMs: number;
  private readonly onFinal?: (record: HistoryRecord) => void;
  private intervalMs: number;
  private giveUpMs: number;
  /** Tracked records and when their next check is due (ms since the epoch). */
  private readonly due = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  /** checkNow callers waiting for a record's next check to finish. */
  private readonly waiters = new Map<string, Array<(result: CheckResult) => void>>();
  private timer: unknown;
  private timerAt: number | undefined;
  private subscription: { dispose(): void } | undefined;
  private disposed = false;

  constructor(options: DeliveryPollerOptions) {
    this.store = options.store;
    this.checker = options.checker;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.maxIntervalMs = (options.maxIntervalSeconds ?? 15 * 60) * 1000;
    this.onFinal = options.onFinal;
    this.intervalMs = options.intervalSeconds * 1000;
    this.giveUpMs = options.giveUpAfterHours * 3_600_000;
  }

  /** True while a timer is armed (false when nothing is pending or every due check is running). */
  get hasTimer(): boolean {
    return this.timer !== undefined;
  }

  /**
   * What this poller will do on its own: `checking` while a check is out, `scheduled` while a timer is armed for
   * the next one, `idle` when nothing is pending (a new record in the store starts it again), `stopped` once disposed.
   */
  get activity(): PollerActivity {
    if (this.disposed) return 'stopped';
    if (this.running.size > 0) return 'checking';
    return this.timer !== undefined ? 'scheduled' : 'idle';
  }

  /** Resumes polling every pending record of the store, and follows the store's changes from now on. */
  start(): void {
    if (this.disposed || this.subscription) return;
    // New records (this window's sends, or another window's after a reload), records another window
    // finished, deletions: all arrive here, so the schedule never drifts from the file.
    this.subscription = this.store.onDidChange((e) => this.onStoreChange(e.ids));
    for (const record of this.store.pending()) this.schedule(record);
    this.pump();
  }

  /** Starts polling a record just sent (ignored unless it was accepted with a message id). */
  track(record: HistoryRecord): void {
    if (this.disposed || this.running.has(record.id)) return;
    this.schedule(this.store.get(record.id) ?? record);
    this.pump();
  }

  /**
   * Checks now the given records (default: every pending one) and resolves when those checks are done, with
   * which of them failed (gateway unreachable...), so a user who asked is told rather than shown "still waiting".
   * A failed check changes nothing about the message: it is retried on the usual schedule.
   */
  async checkNow(ids?: string[]): Promise<DeliveryCheckSummary> {
    const summary: DeliveryCheckSummary = { checked: 0, failed: [] };
    if (this.disposed) return summary;
    const targets = ids ?? [...new Set([...this.due.keys(), ...this.store.pending().map((r) => r.id)])];
    const done: Promise<void>[] = [];
    const now = this.clock.now();
    for (const id of targets) {
      const record = this.store.get(id);
      if (!record || !isPollable(record)) continue;
      if (!this.running.has(id)) this.due.set(id, now);
      done.push(
        this.nextCheckOf(id).then((result) => {
          if (!result.ran) return;
          summary.checked++;
          if (result.error !== undefined) summary.failed.push({ id, error: result.error });
        }),
      );
    }
    this.pump();
    await Promise.all(done);
    return summary;
  }

  updateSettings(settings: DeliverySettings): void {
    if (settings.intervalSeconds !== undefined) this.intervalMs = settings.intervalSeconds * 1000;
    if (settings.giveUpAfterHours !== undefined) this.giveUpMs = settings.giveUpAfterHours * 3_600_000;
    for (const id of [...this.due.keys()]) {
      const record = this.store.get(id);
      if (record && !this.running.has(id)) this.schedule(record);
    }
    this.pump();
  }

  /** Resolves when no check is in flight (e.g. before closing the store). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription?.dispose();
    this.disarm();
    this.due.clear();
    for (const id of [...this.waiters.keys()]) this.release(id);
  }

  // ---- internals ----

  private onStoreChange(ids: string[]): void {
    if (this.disposed) return;
    for (const id of ids) {
      if (this.running.has(id)) continue; // the running check reschedules it from the result
      const record = this.store.get(id);
      if (record) this.schedule(record);
      else this.untrack(id);
    }
    this.pump();
  }

  private schedule(record: HistoryRecord): void {
    if (isPollable(record)) this.due.set(record.id, this.dueAt(record));
    else this.untrack(record.id);
  }

  private untrack(id: string): void {
    this.due.delete(id);
    this.release(id);
  }

  /** The first check `interval` after sentAt, then backing off from the last check; never after the deadline. */
  private dueAt(record: HistoryRecord): number {
    const sentAt = parseTime(record.sentAt) ?? this.clock.now();
    const checks = record.checks ?? 0;
    const lastCheckedAt = parseTime(record.lastCheckedAt);
    const next =
      checks === 0 || lastCheckedAt === undefined
        ? sentAt + this.intervalMs
        : lastCheckedAt + backoffDelayMs(checks, this.intervalMs, this.maxIntervalMs);
    return Math.min(next, sentAt + this.giveUpMs);
  }

  private deadline(record: HistoryRecord): number {
    return (parseTime(record.sentAt) ?? this.clock.now()) + this.giveUpMs;
  }

  /** Starts what is due (within the concurrency cap) and arms the one timer for what comes next. */
  private pump(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    const ready: Array<[string, number]> = [];
    let next: number | undefined;
    for (const [id, at] of this.due) {
      if (this.running.has(id)) continue;
      if (at <= now) ready.push([id, at]);
      else if (next === undefined || at < next) next = at;
    }
    ready.sort((a, b) => a[1] - b[1]);
    for (const [id] of ready) {
      if (this.running.size >= this.concurrency) break;
      this.run(id);
    }
    // Due records still waiting for a slot start when a running check ends, so they need no timer.
    if (next === undefined) this.disarm();
    else this.arm(next, now);
  }

  private arm(at: number, now: number): void {
    if (this.timer !== undefined && this.timerAt === at) return;
    this.disarm();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.pump();
    }, Math.min(Math.max(0, at - now), MAX_TIMER_MS));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }

  private run(id: string): void {
    let result: CheckResult = { ran: false };
    const check = this.check(id)
      .then((outcome) => {
        result = outcome;
      })
      .catch((err: unknown) => {
        const error = redactToken(String((err as Error)?.message ?? err));
        this.logger.error(`Delivery: could not record a check: ${error}`);
        result = { ran: true, error };
      })
      .finally(() => {
        this.running.delete(id);
        this.release(id, result);
        this.pump();
      });
    this.running.set(id, check);
  }

  private async check(id: string): Promise<CheckResult> {
    const record = this.store.get(id);
    if (!record || !isPollable(record)) {
      this.due.delete(id);
      return { ran: false };
    }
    const messageId = record.messageId as string;
    let answer: DeliveryAnswer | undefined;
    let error: string | undefined;
    try {
      answer = await this.checker.delivery(messageId, record.from);
      this.logger.trace(`Delivery of ${messageId}: ${answer.raw}`);
    } catch (err) {
      // A failed check says nothing about the message: try again later, never mark it failed.
      error = redactToken(String((err as Error)?.message ?? err));
      this.logger.warn(`Delivery check of ${messageId} failed, will retry: ${error}`);
    }
    const result: CheckResult = { ran: true, error };
    if (this.disposed) return result;
    const now = this.clock.now();
    const checkedAt = new Date(now).toISOString();
    const current = this.store.get(id);
    if (!current || !isPollable(current)) {
      this.due.delete(id); // deleted, or finished by another window meanwhile
      return result;
    }
    const checks = (current.checks ?? 0) + 1;
    const patch: Partial<HistoryRecord> = { lastCheckedAt: checkedAt, checks };
    if (answer && answer.status !== 'pending') {
      patch.deliveryStatus = answer.status;
      patch.updatedAt = checkedAt;
    } else if (now >= this.deadline(current)) {
      patch.deliveryStatus = 'expired';
      patch.updatedAt = checkedAt;
      this.logger.info(`Delivery of ${messageId}: no report after ${this.giveUpMs / 3_600_000} h, marked expired.`);
    }
    // The story of the record (details page): the new state, with the gateway's raw words for a report.
    const events = eventsAfter(current, patch, checkedAt, answer && answer.status !== 'pending' ? answer.raw : undefined);
    if (events) patch.events = events;
    // Until the write lands, keep a sane next time so a failing disk cannot turn into a tight loop.
    this.due.set(id, Math.min(now + backoffDelayMs(checks, this.intervalMs, this.maxIntervalMs), this.deadline(current)));
    // Only while still pending in the file: another window's poller may have recorded the final state meanwhile
    // (this window's copy can be up to a reload behind), and its report must not be overwritten or notified twice.
    const updated = await this.store.update(id, patch, isPollable);
    if (!updated) {
      this.due.delete(id);
      return result;
    }
    if (isPollable(updated)) {
      this.due.set(id, this.dueAt(updated));
    } else {
      this.due.delete(id);
      if (!this.disposed) this.onFinal?.(updated);
    }
    return result;
  }

  private nextCheckOf(id: string): Promise<CheckResult> {
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  /** Resolves the checkNow callers waiting on `id`; without a result, no check ran (untracked, disposed). */
  private release(id: string, result: CheckResult = { ran: false }): void {
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    for (const resolve of list) resolve(result);
  }
}

function parseTime(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}
