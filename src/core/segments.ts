// How many SMS a text costs, and why. The arithmetic follows GSM 03.38 / 03.40 as real phones apply it:
// - GSM-7: 160 septets in a single SMS; once split, the 6-octet concatenation header leaves 153 per part.
//   Extension characters (^ { } \ [ ~ ] | € and form feed) are ESC + septet: two septets, never split across parts.
// - UCS-2: 70 UTF-16 code units in a single SMS, 67 per part; a surrogate pair (emoji) is two units and is never
//   split across parts either.
// One character outside GSM-7 turns the whole message into UCS-2, which is why the composer lists each of them.

import type { Encoding } from './types';
import { gsm7Replacement, isCombiningMark, isGsm7, septetsOf } from './gsm7';

export { isGsm7 } from './gsm7';

/** One character that forces UCS-2. */
export interface Ucs2Char {
  char: string;
  /** UTF-16 index in the analysed text (what `String.prototype.slice` and a textarea selection use). */
  index: number;
  codePoint: number;
  /** The GSM-7 rewrite if one exists ('' means the character can simply be dropped, e.g. a zero-width space). */
  replacement?: string;
}

export interface SegmentInfo {
  encoding: Encoding;
  /** User-perceived length: code points (an emoji counts 1 here, 2 in `units`). */
  characters: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Capacity of each part: 160 or 153 (GSM-7), 70 or 67 (UCS-2). */
  perSegment: number;
  /** Units left in the current (last) part before another part is needed. */
  remainingInSegment: number;
  /** Every occurrence of every character forcing UCS-2, in text order. Empty for GSM-7. */
  ucs2Chars: Ucs2Char[];
}

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/**
 * Counts the parts of `text`.
 *
 * Empty text is 0 characters and 0 segments (nothing to send; the UI says so rather than "1 SMS"), with the
 * GSM-7 single-part room (160) remaining.
 */
export function analyzeMessage(text: string): SegmentInfo {
  // First pass: the septets of the text and the characters that force UCS-2 (no array per character: the SMS texts
  // of a large source file are counted by the thousand).
  const ucs2Chars: Ucs2Char[] = [];
  let septets = 0;
  let characters = 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const size = septetsOf(codePoint);
    if (size === 0) {
      const char = text.slice(index, index + width);
      const entry: Ucs2Char = { char, index, codePoint };
      const replacement = gsm7Replacement(char);
      if (replacement !== undefined) entry.replacement = replacement;
      ucs2Chars.push(entry);
    }
    septets += size;
    characters++;
    index += width;
  }

  const encoding: Encoding = ucs2Chars.length === 0 ? 'GSM-7' : 'UCS-2';
  // A UCS-2 character is as many units as its UTF-16 length: the text's length in all.
  const { units, segments, lastUsed } =
    encoding === 'GSM-7' ? pack(text, septets, characters, GSM7_SINGLE, GSM7_MULTI, septetsOf)
      : pack(text, text.length, characters, UCS2_SINGLE, UCS2_MULTI, utf16Units);
  const [single, multi] = encoding === 'GSM-7' ? [GSM7_SINGLE, GSM7_MULTI] : [UCS2_SINGLE, UCS2_MULTI];
  const perSegment = segments > 1 ? multi : single;
  return { encoding, characters, units, segments, perSegment, remainingInSegment: perSegment - lastUsed, ucs2Chars };
}

function utf16Units(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

/**
 * Packs the characters of `text` (`units` in all, each of `sizeOf` units) into parts. A character never straddles
 * two parts: when it does not fit in what is left of a part, the part is closed short and the character opens the
 * next one (a 153rd septet that is an ESC, or a 67th unit that is a high surrogate, would otherwise be split).
 */
function pack(text: string, units: number, characters: number, single: number, multi: number,
  sizeOf: (codePoint: number) => number):
  { units: number; segments: number; lastUsed: number } {
  if (units === 0) return { units, segments: 0, lastUsed: 0 };
  if (units <= single) return { units, segments: 1, lastUsed: units };
  if (units === characters) {
    // Every character is one unit (no emoji, no extension character): none can straddle, every part is full.
    const segments = Math.ceil(units / multi);
    return { units, segments, lastUsed: units - (segments - 1) * multi };
  }
  let segments = 1;
  let used = 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const size = sizeOf(codePoint);
    if (used + size > multi) {
      segments++;
      used = 0;
    }
    used += size;
    index += codePoint > 0xffff ? 2 : 1;
  }
  return { units, segments, lastUsed: used };
}

export interface Gsm7Rewrite {
  /** The rewritten text. */
  text: string;
  /** Each substitution, in order; `index` is the UTF-16 index of `from` in the ORIGINAL text. */
  replaced: Array<{ from: string; to: string; index: number }>;
  /** Characters still forcing UCS-2 (no rewrite exists); `index` is in the REWRITTEN `text`. */
  remaining: Ucs2Char[];
}

/**
 * Rewrites `text` so that as much of it as possible is GSM-7, changing as little as possible: characters already
 * in GSM-7 are kept (é è à ù É Ç stay), others get their closest GSM-7 form (ê → e, ç → c, œ → oe, ’ → ',
 * « » → ", … → ..., no-break spaces → space, á ã → a). A letter written in decomposed form (e + U+0301) is first
 * recomposed, so it stays é rather than losing its accent. Emoji and other characters without a rewrite are kept
 * and listed in `remaining`; the text is then still UCS-2, but usually shorter.
 */
export function rewriteToGsm7(text: string): Gsm7Rewrite {
  let out = '';
  const replaced: Gsm7Rewrite['replaced'] = [];
  const remaining: Ucs2Char[] = [];
  // Where the last character kept in `out` started, in the original text, to fold a combining accent into it.
  let lastIndex = -1;
  let lastOut = '';
  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index)!;
    if (septetsOf(codePoint) > 0) {
      // A run of GSM-7 characters is kept as it is, in one slice (they are BMP characters: one unit each).
      const start = index;
      while (index + 1 < text.length && septetsOf(text.charCodeAt(index + 1)) > 0) index++;
      out += text.slice(start, index + 1);
      lastIndex = index;
      lastOut = text[index];
      index++;
      continue;
    }
    const char = text.slice(index, index + (codePoint > 0xffff ? 2 : 1));
    if (isCombiningMark(codePoint) && lastOut !== '' && recomposes(lastOut, char)) {
      // "e" + U+0301 → "é": replace the letter already written with the composed GSM-7 letter.
      const composed = (lastOut + char).normalize('NFC');
      out = out.slice(0, out.length - lastOut.length) + composed;
      const previous = replaced.length > 0 ? replaced[replaced.length - 1] : undefined;
      if (previous !== undefined && previous.index === lastIndex) {
        previous.from += char;
        previous.to = composed;
      } else {
        replaced.push({ from: lastOut + char, to: composed, index: lastIndex });
      }
      lastOut = composed;
    } else {
      const replacement = gsm7Replacement(char);
      if (replacement !== undefined) {
        replaced.push({ from: char, to: replacement, index });
        out += replacement;
        lastIndex = index;
        lastOut = replacement.length === 1 ? replacement : '';
      } else {
        remaining.push({ char, index: out.length, codePoint });
        out += char;
        lastOut = '';
      }
    }
    index += char.length;
  }
  return { text: out, replaced, remaining };
}

/** True when a letter and a following combining accent compose to one GSM-7 character (e + ◌́ → é). */
function recomposes(letter: string, mark: string): boolean {
  const composed = (letter + mark).normalize('NFC');
  return composed.length === 1 && isGsm7(composed);
}
