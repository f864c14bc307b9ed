// The GSM 03.38 default alphabet (what a phone can send 160 to an SMS) and the per-character rewrites that keep a
// French message inside it. Tables only, no counting: segments.ts does the arithmetic.

/** The basic table: one septet each. Line feed and carriage return included; tab and backtick are not. */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: sent as ESC + one septet, so each costs two septets. */
const EXTENSION = '\f^{}\\[~]|€';

/** Septets per code point; absent means the character is not in GSM-7 and forces UCS-2. */
const SEPTETS = new Map<number, 1 | 2>();
for (const ch of BASIC) SEPTETS.set(ch.codePointAt(0)!, 1);
for (const ch of EXTENSION) SEPTETS.set(ch.codePointAt(0)!, 2);
/** The same for U+0000 to U+00FF, where nearly every character of a text is: an array read, not a map lookup. */
const LATIN1_SEPTETS = new Uint8Array(256);
for (const [codePoint, septets] of SEPTETS) if (codePoint < 256) LATIN1_SEPTETS[codePoint] = septets;

/** 1 or 2 septets for a GSM-7 code point, 0 when it is outside GSM-7. */
export function septetsOf(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 256) return LATIN1_SEPTETS[codePoint] as 0 | 1 | 2;
  return SEPTETS.get(codePoint) ?? 0;
}

/** True when every character of `text` is in the GSM-7 basic or extension table (true for ''). */
export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    // Every GSM-7 character is in the BMP, so a lone surrogate half is correctly "not GSM-7" here.
    if (!SEPTETS.has(text.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * Explicit rewrites, checked before the generic accent stripping. French first: the circumflex letters, ç, the
 * ligature œ, the typographic punctuation word processors and phone keyboards insert, and the non-breaking spaces
 * French typography puts before ; : ! ? and inside « ».
 */
const EXPLICIT: Record<string, string> = {
  'ê': 'e', 'â': 'a', 'î': 'i', 'ô': 'o', 'û': 'u', 'ë': 'e', 'ï': 'i', 'ç': 'c', 'ÿ': 'y',
  'Ê': 'E', 'Â': 'A', 'Î': 'I', 'Ô': 'O', 'Û': 'U', 'Ë': 'E', 'Ï': 'I', 'Ÿ': 'Y',
  'È': 'E', 'À': 'A', 'Ù': 'U',
  'œ': 'oe', 'Œ': 'OE',
  // The degree sign of "n°" (numéro): "no" is the usual GSM-7 writing (docs/api.md, "Message length and segments").
  '°': 'o', 'º': 'o',
  // Apostrophes and single quotes.
  '\u2019': "'", '\u2018': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u00B4': "'", '`': "'",
  '\u2039': "'", '\u203A': "'",
  // Double quotes, including French guillemets.
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  // Dashes and the minus sign.
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  // Spaces: no-break, narrow no-break (French « » and before ; : ! ?), thin, en/em..., ideographic, tab.
  '\u00A0': ' ', '\u202F': ' ', '\u2000': ' ', '\u2001': ' ', '\u2002': ' ', '\u2003': ' ', '\u2004': ' ',
  '\u2005': ' ', '\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u2009': ' ', '\u200A': ' ', '\u205F': ' ',
  '\u3000': ' ', '\t': ' ',
  // Invisible characters: dropping them changes nothing the reader sees. (ZWJ and variation selectors are kept:
  // they hold emoji sequences together, and an emoji keeps the message in UCS-2 anyway.)
  '\u200B': '', '\u2060': '', '\uFEFF': '', '\u00AD': '',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * The GSM-7 text that best stands for one non-GSM-7 code point, or undefined when there is none (emoji, CJK...).
 * Order: the explicit table; then the letter without its accents (á → a, ã → a, ą → a); then the compatibility
 * form (ﬁ → fi, full-width Ａ → A). A result is only offered when it is entirely GSM-7.
 * A lone combining accent maps to '' (segments.ts first tries to fold it into the letter before it).
 */
export function gsm7Replacement(ch: string): string | undefined {
  const explicit = EXPLICIT[ch];
  if (explicit !== undefined) return explicit;
  const stripped = ch.normalize('NFD').replace(COMBINING_MARKS, '');
  if (stripped !== ch && isGsm7(stripped)) return stripped;
  const compat = ch.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (compat !== ch && compat !== '' && isGsm7(compat)) return compat;
  return undefined;
}

/** True for a combining diacritical mark (U+0300 to U+036F), as found in decomposed (NFD) text. */
export function isCombiningMark(codePoint: number): boolean {
  return codePoint >= 0x300 && codePoint <= 0x36f;
}
