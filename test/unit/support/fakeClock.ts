// A Clock whose time moves only when a test says so; timers fire in time order as it moves.
import type { Clock } from '../../../src/core/types';

interface Timer {
  at: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private time: number;
  private readonly timers = new Map<number, Timer>();
  private nextHandle = 1;

  constructor(start = Date.parse('2026-03-01T08:00:00.000Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers armed and not yet fired. */
  get armedTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing each timer at its own time. After each one, `settle` is awaited so the
   * (real, asynchronous) work a timer starts finishes before time moves on, as it would on a real clock.
   */
  async advance(ms: number, settle: () => Promise<void> = async () => {}): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      let first: [number, Timer] | undefined;
      for (const entry of this.timers) if (entry[1].at <= target && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.timers.delete(first[0]);
      this.time = Math.max(this.time, first[1].at);
      first[1].fn();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Moves time to an absolute instant (see `advance`). */
  advanceTo(at: number, settle?: () => Promise<void>): Promise<void> {
    return this.advance(Math.max(0, at - this.time), settle);
  }
}
