// The send attempts this window has in flight (written to the history, request out, answer not recorded yet).
// When the window closes or reloads, or the sandbox stops, their answers will never be recorded by this window:
// `interrupt` marks them interrupted (still `unknown`, "may have gone through") before the stores close, so the
// next window shows the truth at once instead of waiting for the records' deadlines (core/attempt.ts).
import { interruptedPatch } from '../../core/attempt';
import type { HistoryStore } from '../../core/history/store';
import type { Logger } from '../../core/types';

export type AttemptMode = 'live' | 'sandbox';

export class InFlightSends {
  private readonly attempts = new Map<string, { mode: AttemptMode; store: HistoryStore }>();

  constructor(private readonly log: Logger) {}

  add(id: string, mode: AttemptMode, store: HistoryStore): void {
    this.attempts.set(id, { mode, store });
  }

  /** True while this window still owns the attempt (it was not interrupted by a close or a sandbox stop). */
  has(id: string): boolean {
    return this.attempts.has(id);
  }

  /** The attempt's outcome is being recorded by its sender; returns whether the window still owned it. */
  remove(id: string): boolean {
    return this.attempts.delete(id);
  }

  /**
   * Marks this window's attempts (of one mode, or all) interrupted. The writes are queued on their stores at
   * once, synchronously, so a `close()` queued after this call runs after them.
   */
  interrupt(mode?: AttemptMode): Promise<void> {
    const now = new Date().toISOString();
    const writes: Promise<unknown>[] = [];
    for (const [id, attempt] of [...this.attempts]) {
      if (mode !== undefined && attempt.mode !== mode) continue;
      this.attempts.delete(id);
      // Logged now: when the window closes, the log channel is gone by the time the write is done.
      this.log.warn(`Send ${id} interrupted before its answer came (${attempt.mode}); it may have gone through.`);
      writes.push(
        attempt.store.update(id, interruptedPatch(now), (current) => current.inFlight === true).then(
          () => undefined,
          (error: unknown) => this.log.warn(`Could not mark the send ${id} interrupted: ${(error as Error).message}`),
        ),
      );
    }
    return Promise.all(writes).then(() => undefined);
  }
}
