// Local record ids: sortable by creation (a string compare orders them) and unique across windows.
import { randomBytes } from 'node:crypto';

let lastTime = 0;
let sequence = 0;

/**
 * A new id: 9 base-36 digits of milliseconds, 4 of a per-process sequence (so ids made in the same
 * millisecond, or after the clock stepped back, still sort in creation order), then 7 random ones (so two
 * windows writing the same history never collide).
 */
export function newRecordId(now: number = Date.now()): string {
  const time = Math.max(0, Math.floor(now));
  if (time > lastTime) {
    lastTime = time;
    sequence = 0;
  } else {
    sequence++;
  }
  const random = randomBytes(4).readUInt32BE(0);
  return lastTime.toString(36).padStart(9, '0') + sequence.toString(36).padStart(4, '0') + random.toString(36).padStart(7, '0');
}
