// How old a message is, for the compact ages of the tree rows. The rule is floor, as a clock reads: a message
// sent 3 min 30 s ago is "3 min" until it is 4 minutes old, never "2 min" (stale) nor "4 min" (ahead of time).
// The tree refreshes itself when the newest age shown would change (nextAgeChange), so a shown age stays true.

export type Age =
  | { unit: 'now' }
  | { unit: 'minute' | 'hour' | 'day'; value: number }
  /** A week or more: the tree shows the date instead. */
  | { unit: 'date' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The age of something that happened at `then` (ms), seen at `now` (ms); a time in the future reads "now". */
export function ageOf(then: number, now: number): Age {
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return { unit: 'now' };
  if (elapsed < HOUR) return { unit: 'minute', value: Math.floor(elapsed / MINUTE) };
  if (elapsed < DAY) return { unit: 'hour', value: Math.floor(elapsed / HOUR) };
  if (elapsed < WEEK) return { unit: 'day', value: Math.floor(elapsed / DAY) };
  return { unit: 'date' };
}

/** Milliseconds from `now` until the age of `then` reads differently, or undefined once it is a date. */
export function nextAgeChange(then: number, now: number): number | undefined {
  const elapsed = Math.max(0, now - then);
  if (elapsed >= WEEK) return undefined;
  const step = elapsed < HOUR ? MINUTE : elapsed < DAY ? HOUR : DAY;
  return step - (elapsed % step);
}
