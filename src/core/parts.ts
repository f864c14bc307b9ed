// The parts a text is split into on the way to the phone, with the same packing rule as analyzeMessage (a
// character never straddles two parts: an ESC pair in GSM-7, a surrogate pair in UCS-2). For the details page,
// so a user sees where a long message breaks.
import { GSM7_MULTI, GSM7_SINGLE, UCS2_MULTI, UCS2_SINGLE, analyzeMessage } from './segments';
import { septetsOf } from './gsm7';

export function splitParts(text: string): string[] {
  const info = analyzeMessage(text);
  if (info.segments <= 1) return info.segments === 0 ? [] : [text];
  const gsm = info.encoding === 'GSM-7';
  const multi = gsm ? GSM7_MULTI : UCS2_MULTI;
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const size = gsm ? septetsOf(char.codePointAt(0)!) : char.length;
    if (used + size > multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += size;
  }
  parts.push(current);
  return parts;
}

/** Capacity of one part of a text of this encoding split in `segments` parts (for "153 of 153" labels). */
export function partCapacity(encoding: 'GSM-7' | 'UCS-2', segments: number): number {
  if (encoding === 'GSM-7') return segments > 1 ? GSM7_MULTI : GSM7_SINGLE;
  return segments > 1 ? UCS2_MULTI : UCS2_SINGLE;
}
