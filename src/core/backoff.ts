// Exponential backoff without jitter: the delivery poller's schedule must be reproducible from a record's
// `checks` count alone, so a restarted window computes the same next check as the one that made the last.

/** Delay before check number `checks + 1`: `baseMs` for the first, then doubling, never above `capMs`. */
export function backoffDelayMs(checks: number, baseMs: number, capMs: number): number {
  const n = Math.max(0, Math.floor(checks));
  return Math.min(Math.max(capMs, baseMs), baseMs * 2 ** Math.min(n, 30));
}
