// The send attempts this window has in flight (written to the history, request out, answer not recorded yet).
// When the window closes or reloads, or a profile closes (the sandbox stops), their answers will never be
// recorded by this window: `interrupt` marks them interrupted (still `unknown`, "may have gone through") before
// the stores close, so the next window shows the truth at once instead of waiting for the records' deadlines
// (attempt.ts). The send pipeline asks it whether this window still owns an attempt when the answer comes.
import { interruptedPatch } from '../attempt';
import type { HistoryStore } from '../history/store';
import { systemClock, type Clock, type Logger } from '../types';
import type { ProfileId } from './profileId';

export type AttemptStore = Pick<HistoryStore, 'update'>;

export class InFlightSends {
  private readonly attempts = new Map<string, { profileId: ProfileId; store: AttemptStore }>();

  constructor(
    private readonly log: Logger,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  add(id: string, profileId: ProfileId, store: AttemptStore): void {
    this.attempts.set(id, { profileId, store });
  }

  /** True while this window still owns the attempt (it was not interrupted by a close or a profile closing). */
  has(id: string): boolean {
    return this.attempts.has(id);
  }

  /** The attempt's outcome is being recorded by its sender; returns whether the window still owned it. */
  remove(id: string): boolean {
    return this.attempts.delete(id);
  }

  /**
   * Marks this window's attempts (of one profile, or all) interrupted. The writes are queued on their stores at
   * once, synchronously, so a `close()` queued after this call runs after them.
   */
  interrupt(profileId?: ProfileId): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const writes: Promise<unknown>[] = [];
    for (const [id, attempt] of [...this.attempts]) {
      if (profileId !== undefined && attempt.profileId !== profileId) continue;
      this.attempts.delete(id);
      // Logged now: when the window closes, the log channel is gone by the time the write is done.
      this.log.warn(`Send ${id} interrupted before its answer came (${attempt.profileId}); it may have gone through.`);
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
